package io.presign.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A client address range in CIDR notation, as CloudFront's {@code AWS:SourceIp} condition
 * takes it: IPv4 only, since CloudFront matches a custom policy's {@code IpAddress}
 * against IPv4 viewers (AWS tells to keep IPv6 off on distributions whose policies
 * restrict addresses).
 */
final class IpRange {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(\\d{1,2})");

	private IpRange() {
	}

	/**
	 * @return the range, checked
	 * @throws PolicyViolation 400 {@code request-invalid} unless it is an IPv4 CIDR block
	 */
	static @Nullable String check(@Nullable String range, String field) {
		if (range == null) {
			return null;
		}
		Matcher v4 = IPV4.matcher(range);
		if (v4.matches() && Integer.parseInt(v4.group(4)) <= 32) {
			return range;
		}
		throw new PolicyViolation(Rule.REQUEST_INVALID, field,
				"The IP range must be an IPv4 CIDR block such as 192.0.2.0/24 (CloudFront matches no IPv6 range)");
	}

}
