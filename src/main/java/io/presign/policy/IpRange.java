package io.presign.policy;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A client address range in CIDR notation, as CloudFront's {@code AWS:SourceIp} condition
 * takes it: IPv4 only, since CloudFront matches a custom policy's {@code IpAddress}
 * against IPv4 viewers (AWS tells to keep IPv6 off on distributions whose policies
 * restrict addresses).
 */
final class IpRange {

	/** 0 to 255, in ASCII digits, without leading zeros. */
	private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	/**
	 * Four octets and a prefix length of 0 to 32, each spelt one way only: no leading
	 * zero, sign or space, which readers may take differently ({@code 010} as octal).
	 */
	private static final Pattern IPV4_CIDR = Pattern
		.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "/(?:3[0-2]|[12]?[0-9])");

	private IpRange() {
	}

	/**
	 * @return the range, checked
	 * @throws PolicyViolation 400 {@code request-invalid} unless it is an IPv4 CIDR block
	 * in its one canonical spelling
	 */
	static @Nullable String check(@Nullable String range, String field) {
		if (range == null) {
			return null;
		}
		if (IPV4_CIDR.matcher(range).matches()) {
			return range;
		}
		throw new PolicyViolation(Rule.REQUEST_INVALID, field,
				"The IP range must be an IPv4 CIDR block such as 192.0.2.0/24 (CloudFront matches no IPv6 range)");
	}

}
