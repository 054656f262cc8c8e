package io.presign.roundtrip;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.MutableClock;

/**
 * The round-trip contract against the embedded S3Proxy server, which validates SigV4
 * signatures. Runs everywhere.
 */
class S3ProxyRoundTripTest extends IntegrationTest implements RoundTripContract {

	@Override
	public ApiClient api() {
		return this.api;
	}

	@Override
	public String apiKey() {
		return ALICE_KEY;
	}

	@Override
	public MutableClock clock() {
		return CLOCK;
	}

}
