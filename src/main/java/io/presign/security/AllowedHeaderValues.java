package io.presign.security;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The header values Spring Security's firewall allows
 * ({@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: assigned characters, no control
 * character but tab), with the common case decided by a loop: a value of printable ASCII
 * alone, which that pattern allows character by character. The firewall checks each
 * header every time it is read, and its pattern over a bearer token of hundreds of
 * characters cost 3.4 µs, about 3% of a download's CPU with a JWT (docs/performance.md,
 * tenth round). Any other value goes to the library's own check;
 * {@code AllowedHeaderValuesTest} compares the two over every character.
 */
final class AllowedHeaderValues implements Predicate<String> {

	@Override
	public boolean test(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < ' ' || c > '~') {
				return StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);
			}
		}
		return true;
	}

}
