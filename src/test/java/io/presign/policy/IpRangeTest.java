package io.presign.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The range is signed into the CloudFront policy as given: only the one spelling of each
 * IPv4 CIDR block passes, so that no reader (CloudFront, a log, a person) takes
 * {@code 010.0.0.0/8} for octal or {@code /08} for anything but 8.
 */
class IpRangeTest {

	@ParameterizedTest
	@ValueSource(strings = { "192.0.2.0/24", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/8", "1.2.3.4/9",
			"100.64.0.0/10", "198.51.100.7/30", "203.0.113.0/31", "172.16.0.0/12", "8.8.8.8/20" })
	void acceptsCanonicalIpv4CidrBlocks(String range) {
		assertThat(IpRange.check(range, "ipRange")).isEqualTo(range);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Leading zeros in the prefix length or in an octet.
			"1.2.3.4/08", "1.2.3.4/00", "1.2.3.4/032", "1.2.3.4/000", "01.2.3.4/8", "1.02.3.4/8", "1.2.003.4/8",
			"1.2.3.00/8", "010.0.0.0/8",
			// Signs.
			"1.2.3.4/+8", "+1.2.3.4/8", "1.2.3.4/-8", "-1.2.3.4/8",
			// Whitespace.
			" 1.2.3.4/8", "1.2.3.4/8 ", "1.2.3.4 /8", "1.2.3.4/ 8", "1.2.3.4/8\n", "1.2.3.4/\t8",
			// Out of range, missing or extra parts.
			"1.2.3.4/33", "1.2.3.4/99", "256.2.3.4/8", "1.2.3/8", "1.2.3.4.5/8", "1.2.3.4", "1.2.3.4/", "/8",
			"1.2.3.4/8/8", "1..3.4/8", "",
			// Digits that are not ASCII, hexadecimal and IPv6.
			"\u0661.2.3.4/8", "1.2.3.4/\uFF18", "0x1.2.3.4/8", "2001:db8::/32", "::ffff:1.2.3.4/128" })
	void refusesEverythingElse(String range) {
		assertThatThrownBy(() -> IpRange.check(range, "ipRange")).as(range)
			.isInstanceOfSatisfying(PolicyViolation.class, (violation) -> {
				assertThat(violation.rule()).isEqualTo(Rule.REQUEST_INVALID);
				assertThat(violation.field()).isEqualTo("ipRange");
			});
	}

}
