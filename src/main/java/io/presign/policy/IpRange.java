package io.presign.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A client address range in CIDR notation, as CloudFront's {@code AWS:SourceIp} condition takes it.
 */
final class IpRange {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(\\d{1,2})");

	// Hex digits and colons only: with a colon in it, the JDK parses it as an IPv6 literal and never asks DNS.
	private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:]{2,39})/(\\d{1,3})");

	private IpRange() {
	}

	/**
	 * @return the range, checked
	 * @throws PolicyViolation 400 {@code request-invalid} unless it is an IPv4 or IPv6 CIDR block
	 */
	static @Nullable String check(@Nullable String range, String field) {
		if (range == null) {
			return null;
		}
		Matcher v4 = IPV4.matcher(range);
		if (v4.matches() && Integer.parseInt(v4.group(4)) <= 32) {
			return range;
		}
		Matcher v6 = IPV6.matcher(range);
		if (v6.matches() && Integer.parseInt(v6.group(2)) <= 128 && isIpv6(v6.group(1))) {
			return range;
		}
		throw new PolicyViolation(Rule.REQUEST_INVALID, field,
				"The IP range must be a CIDR block such as 192.0.2.0/24 or 2001:db8::/32");
	}

	private static boolean isIpv6(String literal) {
		if (literal.indexOf(':') < 0) {
			return false;
		}
		try {
			return InetAddress.getByName(literal).getAddress().length == 16;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
