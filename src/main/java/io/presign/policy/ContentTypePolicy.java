package io.presign.policy;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The media types a profile accepts for uploads; entries may be wildcards such as
 * {@code image/*}.
 */
public final class ContentTypePolicy {

	private static final int MAX_LENGTH = 255;

	private final List<String> allowed;

	private final List<MimeType> patterns;

	private ContentTypePolicy(List<String> allowed, List<MimeType> patterns) {
		this.allowed = allowed;
		this.patterns = patterns;
	}

	/**
	 * Build a policy from configured patterns.
	 * @param allowed the allowed media types or wildcards
	 * @return the policy
	 * @throws IllegalArgumentException if a pattern does not parse
	 */
	public static ContentTypePolicy of(List<String> allowed) {
		List<String> entries = (allowed != null) ? List.copyOf(allowed) : List.of();
		List<MimeType> patterns = entries.stream().map(ContentTypePolicy::parsePattern).toList();
		return new ContentTypePolicy(entries, patterns);
	}

	private static MimeType parsePattern(String pattern) {
		try {
			return MimeTypeUtils.parseMimeType(pattern);
		}
		catch (InvalidMimeTypeException ex) {
			throw new IllegalArgumentException("'" + pattern + "' is not a media type: " + ex.getMessage());
		}
	}

	/**
	 * Check a client's content type.
	 * @param contentType the value the client will send as {@code Content-Type}
	 * @return the value to sign, trimmed
	 * @throws PolicyViolation if it is not a concrete media type or not allowed
	 */
	public String check(@Nullable String contentType) {
		if (contentType == null || contentType.isBlank()) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType", "The content type must not be empty");
		}
		String value = contentType.trim();
		MimeType type = parseConcrete(value);
		for (MimeType pattern : this.patterns) {
			if (pattern.includes(type)) {
				return value;
			}
		}
		throw new PolicyViolation(Rule.CONTENT_TYPE_NOT_ALLOWED, "contentType",
				"The content type '" + type.getType() + "/" + type.getSubtype() + "' is not allowed by this profile",
				Map.of("allowedContentTypes", this.allowed));
	}

	private static MimeType parseConcrete(String value) {
		if (value.length() > MAX_LENGTH || TextRules.hasUnsafeCharacters(value)) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType",
					"The content type must be at most " + MAX_LENGTH + " characters without control characters");
		}
		MimeType type;
		try {
			type = MimeTypeUtils.parseMimeType(value);
		}
		catch (InvalidMimeTypeException ex) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType",
					"The content type does not parse as a media type (type/subtype)");
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType",
					"The content type must be concrete, not a wildcard");
		}
		return type;
	}

	/**
	 * Check a wildcard a form upload asks for, such as {@code image/*}: allowed only when
	 * a configured pattern covers every type it matches.
	 * @return the prefix a Content-Type must start with, for example {@code image/}
	 */
	public String checkWildcard(String wildcard) {
		MimeType type;
		try {
			type = MimeTypeUtils.parseMimeType(wildcard.trim());
		}
		catch (InvalidMimeTypeException ex) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType",
					"The content type does not parse as a media type (type/subtype)");
		}
		if (type.isWildcardType() || !type.isWildcardSubtype() || !type.getSubtype().equals("*")) {
			throw new PolicyViolation(Rule.CONTENT_TYPE_INVALID, "contentType",
					"Only a whole family such as image/* can be a wildcard");
		}
		for (MimeType pattern : this.patterns) {
			if (pattern.includes(type)) {
				return type.getType() + "/";
			}
		}
		throw new PolicyViolation(Rule.CONTENT_TYPE_NOT_ALLOWED, "contentType",
				"The profile does not allow every type of '" + type.getType() + "/*'",
				Map.of("allowedContentTypes", this.allowed));
	}

	/**
	 * @return the configured entries, as written
	 */
	public List<String> allowed() {
		return this.allowed;
	}

}
