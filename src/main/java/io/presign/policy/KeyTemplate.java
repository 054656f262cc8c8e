package io.presign.policy;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A profile's key prefix, such as {@code users/{principal}/} or
 * {@code tenants/{claim:org_id}/{sub}/}, expanded per caller.
 *
 * <p>
 * Placeholders: {@code {principal}} (the caller's name), {@code {sub}} and
 * {@code {tenant}} (those claims, or those attributes of an API key), and
 * {@code {claim:NAME}} (any claim or attribute). A non-empty template must end with
 * {@code /}: otherwise the prefix of caller {@code bob} would also be a prefix of caller
 * {@code bobby}'s objects.
 */
public final class KeyTemplate {

	private static final String PRINCIPAL = "principal";

	private static final String CLAIM = "claim:";

	private final String source;

	private final List<Part> parts;

	private KeyTemplate(String source, List<Part> parts) {
		this.source = source;
		this.parts = parts;
	}

	/**
	 * Parse a template.
	 * @param template the template, empty for none
	 * @return the parsed template
	 * @throws IllegalArgumentException if a placeholder is unknown or unclosed, or the
	 * template does not end with {@code /}
	 */
	public static KeyTemplate parse(String template) {
		String source = (template != null) ? template : "";
		if (!source.isEmpty() && !source.endsWith("/")) {
			throw new IllegalArgumentException(
					"must end with '/' so that one caller's prefix is never a prefix of another's");
		}
		if (source.startsWith("/")) {
			throw new IllegalArgumentException("must not start with '/'");
		}
		List<Part> parts = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			int open = source.indexOf('{', i);
			if (open < 0) {
				parts.add(Part.literal(source.substring(i)));
				break;
			}
			int close = source.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("unclosed '{' at index " + open);
			}
			if (open > i) {
				parts.add(Part.literal(source.substring(i, open)));
			}
			parts.add(placeholder(source.substring(open + 1, close)));
			i = close + 1;
		}
		String literal = parts.stream()
			.filter((part) -> part.attribute() == null)
			.map(Part::text)
			.reduce("", String::concat);
		if (literal.contains("}") || TextRules.hasUnsafeCharacters(literal) || literal.contains("\\")) {
			throw new IllegalArgumentException("holds '}', a backslash or a control character");
		}
		return new KeyTemplate(source, List.copyOf(parts));
	}

	private static Part placeholder(String name) {
		if (name.equals(PRINCIPAL)) {
			return new Part(name, PRINCIPAL);
		}
		if (name.equals("sub") || name.equals("tenant")) {
			return new Part(name, name);
		}
		if (name.startsWith(CLAIM) && name.length() > CLAIM.length()
				&& name.substring(CLAIM.length()).matches("[A-Za-z0-9_.:-]+")) {
			return new Part(name, name.substring(CLAIM.length()));
		}
		throw new IllegalArgumentException(
				"unknown placeholder {" + name + "}; supported: {principal}, {sub}, {tenant}, {claim:NAME}");
	}

	/**
	 * Expand the template for a caller.
	 * @return the prefix every key of this caller must start with
	 * @throws PolicyViolation (403) if a placeholder's value is missing or cannot safely
	 * stand in a key
	 */
	public String expand(Caller caller) {
		StringBuilder prefix = new StringBuilder();
		for (Part part : this.parts) {
			if (part.attribute() == null) {
				prefix.append(part.text());
				continue;
			}
			Optional<String> value = PRINCIPAL.equals(part.attribute()) ? Optional.ofNullable(caller.name())
					: caller.attribute(part.attribute());
			if (value.isEmpty()) {
				throw new PolicyViolation(Rule.KEY_PREFIX_UNRESOLVABLE, null,
						"The caller has no '" + part.attribute() + "', which the profile's key prefix needs");
			}
			if (!isSafeSegmentValue(value.get())) {
				throw new PolicyViolation(Rule.KEY_PREFIX_UNRESOLVABLE, null,
						"The caller's '" + part.attribute() + "' cannot be used in an object key");
			}
			prefix.append(value.get());
		}
		return prefix.toString();
	}

	/**
	 * @return the part every caller's prefix starts with: the literal text before the
	 * first placeholder
	 */
	public String constantPrefix() {
		StringBuilder prefix = new StringBuilder();
		for (Part part : this.parts) {
			if (part.attribute() != null) {
				break;
			}
			prefix.append(part.text());
		}
		return prefix.toString();
	}

	/**
	 * @return whether the prefix is the same for every caller
	 */
	public boolean isConstant() {
		return this.parts.stream().allMatch((part) -> part.attribute() == null);
	}

	private static boolean isSafeSegmentValue(String value) {
		return !value.isEmpty() && !value.equals(".") && !value.equals("..") && value.indexOf('/') < 0
				&& value.indexOf('\\') < 0 && !TextRules.hasUnsafeCharacters(value)
				&& !TextRules.hasMisleadingCharacters(value) && TextRules.isNfc(value) && value.length() <= 255;
	}

	@Override
	public String toString() {
		return this.source;
	}

	/**
	 * A literal run of the template, or a placeholder with the attribute it reads.
	 */
	private record Part(String text, @Nullable String attribute) {

		static Part literal(String text) {
			return new Part(text, null);
		}

	}

}
