package io.presign.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For thousands of generated keys, claims and templates: every granted key lies under the
 * caller's own expanded prefix, and every refusal is a policy violation, never another
 * failure (which would be a 5xx). Seeded ({@code -Dproperty.seed=N} for another run), so
 * that a failure replays exactly.
 */
class KeyOwnershipPropertyTest {

	private static final List<String> TEMPLATES = List.of("", "users/{principal}/", "t/{claim:org_id}/{sub}/",
			"a/{tenant}/b/", "x/{principal}/{tenant}/");

	private static final int TRIES = 4000;

	@Test
	void grantedKeysStayUnderTheCallersPrefix() {
		long seed = Long.getLong("property.seed", 20261128L);
		SplittableRandom random = new SplittableRandom(seed);
		int granted = 0;
		for (int i = 0; i < TRIES; i++) {
			String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
			Caller caller = caller(random);
			String key = key(random);
			String fullKey = key(random);
			boolean useFullKey = random.nextBoolean();
			boolean generated = random.nextBoolean();
			String described = "try " + i + " of seed " + seed + ": template " + template + ", " + caller + ", key "
					+ (useFullKey ? "full " + fullKey : key) + (generated ? ", generated" : "");
			granted += tryOnce(template, caller, key, fullKey, useFullKey, generated, described) ? 1 : 0;
		}
		// Both outcomes are exercised, or the generators have drifted into testing
		// nothing.
		assertThat(granted).isBetween(TRIES / 10, TRIES - TRIES / 10);
	}

	private static boolean tryOnce(String template, Caller caller, String key, String fullKey, boolean useFullKey,
			boolean generated, String described) {
		Profile profile = new Profile("p", "bucket", "eu-west-1", null, false, KeyTemplate.parse(template),
				generated ? KeyStrategy.GENERATED : KeyStrategy.CLIENT, Set.of(Operation.DOWNLOAD, Operation.UPLOAD),
				Map.of(), ContentTypePolicy.of(List.of("text/plain")), 100,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "s", RateLimit.UNLIMITED,
				MultipartSettings.DISABLED, null, true);
		PresignPolicy policy = new PresignPolicy(new ProfileCatalog(List.of(profile)));
		Optional<String> prefix = expand(profile, caller);
		String requestedFull = useFullKey ? prefixedSometimes(prefix, fullKey) : null;
		String requestedKey = useFullKey ? null : key;

		boolean downloadGranted = check(prefix, described,
				() -> policy
					.authorizeDownload(caller,
							new DownloadIntent("p", requestedKey, requestedFull, null, null, null, null))
					.key());
		check(prefix, described,
				() -> policy
					.authorizeUpload(caller,
							new UploadIntent("p", requestedKey, requestedFull, "text/plain", 10L, null))
					.key());
		check(prefix, described, () -> {
			List<BatchItem> items = policy.authorizeBatchDownload(caller,
					new BatchDownloadIntent("p", (requestedKey != null) ? List.of(requestedKey) : List.of(),
							(requestedFull != null) ? List.of(requestedFull) : List.of(), null, null));
			return (items.get(0).grant() != null) ? items.get(0).grant().key() : null;
		});
		return downloadGranted;
	}

	private static boolean check(Optional<String> prefix, String described, KeyGrant grant) {
		String granted;
		try {
			granted = grant.key();
		}
		catch (PolicyViolation refused) {
			return false;
		}
		if (granted == null) {
			return false;
		}
		assertThat(prefix).as("a key was granted, so the prefix expanded: " + described).isPresent();
		assertThat(granted).as(described).startsWith(prefix.get()).isNotEqualTo(prefix.get());
		assertThat(granted.getBytes(StandardCharsets.UTF_8).length).as(described).isLessThanOrEqualTo(1024);
		String rest = granted.substring(prefix.get().length());
		assertThat(rest.split("/", -1)).as(described).doesNotContain("", ".", "..");
		return true;
	}

	private static Optional<String> expand(Profile profile, Caller caller) {
		try {
			return Optional.of(profile.keyPrefix().expand(caller));
		}
		catch (PolicyViolation refused) {
			return Optional.empty();
		}
	}

	private static String prefixedSometimes(Optional<String> prefix, String key) {
		// Half the full keys start with the caller's own prefix, so that grants happen;
		// the rest probe others.
		return (prefix.isPresent() && (key.hashCode() & 1) == 0) ? prefix.get() + key : key;
	}

	private static final String TRICKY_CHARS = "ab/.\\é\u0000\n%~ ABC";

	private static final String[] OTHERS = { "users/bob/x", "../alice/x", "t/acme/other/x", "a//b", "./x", "x/.." };

	/**
	 * Plain names, tricky strings, other callers' keys and traversals, and keys too long
	 * in UTF-8, by weight.
	 */
	private static String key(SplittableRandom random) {
		int kind = random.nextInt(15);
		if (kind < 6) {
			return string(random, "abcdefghijklmnopqrstuvwxyz", 1 + random.nextInt(8));
		}
		if (kind < 12) {
			return string(random, TRICKY_CHARS, random.nextInt(25));
		}
		if (kind < 14) {
			return OTHERS[random.nextInt(OTHERS.length)];
		}
		return "é".repeat(520);
	}

	private static Caller caller(SplittableRandom random) {
		Map<String, String> attributes = new HashMap<>();
		String name = value(random);
		for (String attribute : new String[] { "org_id", "sub", "tenant" }) {
			if (random.nextInt(10) < 9) {
				attributes.put(attribute, value(random));
			}
		}
		return new Caller(name, Set.of("s"), Caller.AuthMethod.JWT, attributes, Set.of());
	}

	/** Mostly ordinary values, some that cannot stand in a key, some random. */
	private static String value(SplittableRandom random) {
		int kind = random.nextInt(10);
		if (kind < 6) {
			return new String[] { "alice", "acme", "bob", "é" }[random.nextInt(4)];
		}
		if (kind < 8) {
			return new String[] { "..", ".", "", "a/b", "x\ny" }[random.nextInt(5)];
		}
		return string(random, "ab./é\\", random.nextInt(9));
	}

	private static String string(SplittableRandom random, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	@FunctionalInterface
	private interface KeyGrant {

		String key();

	}

}
