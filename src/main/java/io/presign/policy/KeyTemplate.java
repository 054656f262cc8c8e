package io.presign.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A profile's key prefix, such as {@code users/{principal}/}, expanded per caller.
 *
 * <p>A non-empty template must end with {@code /}: otherwise the prefix of caller {@code bob} would
 * also be a prefix of caller {@code bobby}'s objects.
 */
public final class KeyTemplate {

	private static final String PRINCIPAL = "principal";

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
	 * @throws IllegalArgumentException if a placeholder is unknown or unclosed, or the template does
	 * not end with {@code /}
	 */
	public static KeyTemplate parse(String template) {
		String source = (template != null) ? template : "";
		if (!source.isEmpty() && !source.endsWith("/")) {
			throw new IllegalArgumentException("must end with '/' so that one caller's prefix is never a prefix of another's");
		}
		if (source.startsWith("/")) {
			throw new IllegalArgumentException("must not start with '/'");
		}
		List<Part> parts = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			int open = source.indexOf('{', i);
			if (open < 0) {
				parts.add(new Part(source.substring(i), false));
				break;
			}
			int close = source.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("unclosed '{' at index " + open);
			}
			if (open > i) {
				parts.add(new Part(source.substring(i, open), false));
			}
			String name = source.substring(open + 1, close);
			if (!PRINCIPAL.equals(name)) {
				throw new IllegalArgumentException("unknown placeholder {" + name + "}; supported: {principal}");
			}
			parts.add(new Part(name, true));
			i = close + 1;
		}
		String literal = parts.stream().filter((part) -> !part.placeholder()).map(Part::text).reduce("", String::concat);
		if (literal.contains("}") || TextRules.hasUnsafeCharacters(literal) || literal.contains("\\")) {
			throw new IllegalArgumentException("holds '}', a backslash or a control character");
		}
		return new KeyTemplate(source, List.copyOf(parts));
	}

	/**
	 * Expand the template for a caller.
	 * @param caller the caller
	 * @return the prefix every key of this caller must start with
	 * @throws PolicyViolation if a placeholder's value cannot safely stand in a key
	 */
	public String expand(Caller caller) {
		Map<String, String> values = Map.of(PRINCIPAL, caller.name() != null ? caller.name() : "");
		StringBuilder prefix = new StringBuilder();
		for (Part part : this.parts) {
			if (!part.placeholder()) {
				prefix.append(part.text());
				continue;
			}
			String value = values.get(part.text());
			if (!isSafeSegmentValue(value)) {
				throw new PolicyViolation(Rule.KEY_PREFIX_UNRESOLVABLE, null,
						"The caller's {" + part.text() + "} cannot be used in an object key");
			}
			prefix.append(value);
		}
		return prefix.toString();
	}

	private static boolean isSafeSegmentValue(String value) {
		return !value.isEmpty() && !value.equals(".") && !value.equals("..") && value.indexOf('/') < 0
				&& value.indexOf('\\') < 0 && !TextRules.hasUnsafeCharacters(value);
	}

	@Override
	public String toString() {
		return this.source;
	}

	private record Part(String text, boolean placeholder) {
	}

}
