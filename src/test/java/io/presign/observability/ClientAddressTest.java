package io.presign.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only IP literals are logged as client addresses; nothing else is looked up or passed
 * through.
 */
class ClientAddressTest {

	@Test
	void ipLiteralsAreKept() {
		assertThat(ClientAddress.of("203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(ClientAddress.of("::1")).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(ClientAddress.of("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
	}

	@Test
	void anythingElseIsInvalidAndNeverResolved() {
		for (String forged : new String[] { "not-an-ip", "example.com", "1.2.3.256", "01.2.3.4", ".:", "::g",
				"1.2.3.4:80", "fe80::1%eth0", "", " 1.2.3.4", "1.2.3.4\n{\"forged\":1}" }) {
			assertThat(ClientAddress.of(forged)).as(forged).isEqualTo(ClientAddress.INVALID);
		}
		assertThat(ClientAddress.of(null)).isEqualTo(ClientAddress.INVALID);
	}

}
