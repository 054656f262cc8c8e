package io.presign.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Profiles and callers for policy tests.
 */
final class PolicyFixtures {

	static final Caller ALICE = new Caller("alice", Set.of("files"), Caller.AuthMethod.API_KEY);

	private PolicyFixtures() {
	}

	static Profile files() {
		return new Profile("files", "bucket", "eu-west-1", null, false, KeyTemplate.parse("users/{principal}/"),
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), ContentTypePolicy.of(List.of("text/plain", "image/*")),
				1000, new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "files");
	}

	static Profile readOnly() {
		return new Profile("reports", "bucket", "eu-west-1", null, false, KeyTemplate.parse("reports/"),
				Set.of(Operation.DOWNLOAD), ContentTypePolicy.of(List.of()), 0,
				new ExpiryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10)), "files");
	}

}
