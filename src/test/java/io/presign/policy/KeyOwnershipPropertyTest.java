package io.presign.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For thousands of generated keys, claims and templates: every granted key lies under the caller's own
 * expanded prefix, and every refusal is a policy violation, never another failure (which would be a 5xx).
 */
class KeyOwnershipPropertyTest {

	private static final List<String> TEMPLATES = List.of("", "users/{principal}/", "t/{claim:org_id}/{sub}/",
			"a/{tenant}/b/", "x/{principal}/{tenant}/");

	@Property(tries = 4000)
	@StatisticsReport(onFailureOnly = false)
	void grantedKeysStayUnderTheCallersPrefix(@ForAll("templates") String template, @ForAll("callers") Caller caller,
			@ForAll("keys") String key, @ForAll("keys") String fullKey, @ForAll boolean useFullKey,
			@ForAll boolean generated) {
		Profile profile = new Profile("p", "bucket", "eu-west-1", null, false, KeyTemplate.parse(template),
				generated ? KeyStrategy.GENERATED : KeyStrategy.CLIENT, Set.of(Operation.DOWNLOAD, Operation.UPLOAD),
				Map.of(), ContentTypePolicy.of(List.of("text/plain")), 100, new ExpiryPolicy(Duration.ofMinutes(5),
						Duration.ofHours(1)), "s", RateLimit.UNLIMITED, MultipartSettings.DISABLED, null, true);
		PresignPolicy policy = new PresignPolicy(new ProfileCatalog(List.of(profile)));
		Optional<String> prefix = expand(profile, caller);
		String requestedFull = useFullKey ? prefixedSometimes(prefix, fullKey) : null;
		String requestedKey = useFullKey ? null : key;

		boolean downloadGranted = check(prefix, () -> policy.authorizeDownload(caller,
				new DownloadIntent("p", requestedKey, requestedFull, null, null, null, null)).key());
		Statistics.label("download").collect(downloadGranted ? "granted" : "refused");
		Statistics.label("download").coverage((coverage) -> {
			coverage.check("granted").percentage((p) -> p > 10);
			coverage.check("refused").percentage((p) -> p > 10);
		});
		check(prefix, () -> policy.authorizeUpload(caller,
				new UploadIntent("p", requestedKey, requestedFull, "text/plain", 10L, null)).key());
		check(prefix, () -> {
			List<BatchItem> items = policy.authorizeBatchDownload(caller, new BatchDownloadIntent("p",
					(requestedKey != null) ? List.of(requestedKey) : List.of(),
					(requestedFull != null) ? List.of(requestedFull) : List.of(), null, null));
			return (items.get(0).grant() != null) ? items.get(0).grant().key() : null;
		});
	}

	private static boolean check(Optional<String> prefix, KeyGrant grant) {
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
		assertThat(prefix).as("a key was granted, so the prefix expanded").isPresent();
		assertThat(granted).startsWith(prefix.get()).isNotEqualTo(prefix.get());
		assertThat(granted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
		String rest = granted.substring(prefix.get().length());
		assertThat(rest.split("/", -1)).doesNotContain("", ".", "..");
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
		// Half the full keys start with the caller's own prefix, so that grants happen; the rest probe others.
		return (prefix.isPresent() && (key.hashCode() & 1) == 0) ? prefix.get() + key : key;
	}

	@Provide
	Arbitrary<String> templates() {
		return Arbitraries.of(TEMPLATES);
	}

	@Provide
	Arbitrary<String> keys() {
		Arbitrary<String> tricky = Arbitraries.strings()
			.withChars("ab/.\\é\u0000\n%~ ")
			.withCharRange('A', 'C')
			.ofMinLength(0)
			.ofMaxLength(24);
		Arbitrary<String> others = Arbitraries.of("users/bob/x", "../alice/x", "t/acme/other/x", "a//b", "./x", "x/..");
		Arbitrary<String> huge = Arbitraries.strings().withChars("é").ofLength(520);
		Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
		return Arbitraries.frequencyOf(Tuple.of(6, plain), Tuple.of(6, tricky), Tuple.of(2, others), Tuple.of(1, huge));
	}

	@Provide
	Arbitrary<Caller> callers() {
		Arbitrary<String> values = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("alice", "acme", "bob", "é")),
				Tuple.of(2, Arbitraries.of("..", ".", "", "a/b", "x\ny")),
				Tuple.of(2, Arbitraries.strings().withChars("ab./é\\").ofMinLength(0).ofMaxLength(8)));
		Arbitrary<Optional<String>> optional = values.optional(0.9);
		return Combinators.combine(values, optional, optional, optional)
			.as((name, org, sub, tenant) -> {
				Map<String, String> attributes = new HashMap<>();
				org.ifPresent((v) -> attributes.put("org_id", v));
				sub.ifPresent((v) -> attributes.put("sub", v));
				tenant.ifPresent((v) -> attributes.put("tenant", v));
				return new Caller(name, Set.of("s"), Caller.AuthMethod.JWT, attributes, Set.of());
			});
	}

	@FunctionalInterface
	private interface KeyGrant {

		String key();

	}

}
