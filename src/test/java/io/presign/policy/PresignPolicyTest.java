package io.presign.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresignPolicyTest {

	private final ProfileCatalog catalog = new ProfileCatalog(
			List.of(PolicyFixtures.files(), PolicyFixtures.readOnly()));

	private final PresignPolicy policy = new PresignPolicy(this.catalog);

	private final MultipartPolicy multipart = new MultipartPolicy(this.policy, this.catalog, 100);

	@Test
	void aTicketIsRedeemedOnlyWhileItsProfileStillAllowsWhatItWasIssuedFor() {
		assertRule(() -> this.multipart.ticketedProfile("files", "other-bucket", "users/alice/a.bin", null, false),
				Rule.TICKET_INVALID);
		assertRule(() -> this.multipart.ticketedProfile("files", "bucket", "elsewhere/a.bin", null, false),
				Rule.TICKET_INVALID);
		assertRule(() -> this.multipart.ticketedProfile("reports", "bucket", "reports/a.bin", null, false),
				Rule.TICKET_INVALID);
		assertRule(() -> this.multipart.ticketedProfile("files", "bucket", "users/alice/a.bin", null, false),
				Rule.MULTIPART_NOT_ALLOWED);
	}

	@Test
	void grantsAnUploadUnderTheCallersPrefix() {
		UploadGrant grant = this.policy.authorizeUpload(PolicyFixtures.ALICE,
				new UploadIntent("files", "a.txt", "text/plain", 10L, null));
		assertThat(grant.key()).isEqualTo("users/alice/a.txt");
		assertThat(grant.contentType()).isEqualTo("text/plain");
		assertThat(grant.contentLength()).isEqualTo(10);
		assertThat(grant.expiry().duration()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void grantsADownloadWithItsDisposition() {
		DownloadGrant grant = this.policy.authorizeDownload(PolicyFixtures.ALICE,
				new DownloadIntent("files", "a.txt", "a.txt", Disposition.INLINE, "v1", 60L));
		assertThat(grant.key()).isEqualTo("users/alice/a.txt");
		assertThat(grant.contentDisposition()).isEqualTo("inline; filename=\"a.txt\"");
		assertThat(grant.versionId()).isEqualTo("v1");
		assertThat(grant.expiry().duration()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void checksProfileThenScopeThenOperation() {
		Caller stranger = new Caller("eve", Set.of("other"), Caller.AuthMethod.JWT);
		assertRule(() -> this.policy.authorizeUpload(stranger, new UploadIntent("nope", "a", "text/plain", 1L, null)),
				Rule.PROFILE_NOT_FOUND);
		assertRule(() -> this.policy.authorizeUpload(stranger, new UploadIntent("files", "a", "text/plain", 1L, null)),
				Rule.SCOPE_MISSING);
		assertRule(() -> this.policy.authorizeUpload(PolicyFixtures.ALICE,
				new UploadIntent("reports", "a", "text/plain", 1L, null)), Rule.OPERATION_NOT_ALLOWED);
	}

	@Test
	void checksTheSize() {
		assertRule(() -> this.policy.authorizeUpload(PolicyFixtures.ALICE,
				new UploadIntent("files", "a", "text/plain", 1001L, null)), Rule.CONTENT_LENGTH_TOO_LARGE);
		assertRule(() -> this.policy.authorizeUpload(PolicyFixtures.ALICE,
				new UploadIntent("files", "a", "text/plain", 0L, null)), Rule.CONTENT_LENGTH_INVALID);
		assertThat(this.policy
			.authorizeUpload(PolicyFixtures.ALICE, new UploadIntent("files", "a", "text/plain", 1000L, null))
			.contentLength()).isEqualTo(1000);
	}

	@Test
	void listsOnlyProfilesWhoseScopeTheCallerHolds() {
		assertThat(this.policy.profilesFor(PolicyFixtures.ALICE)).extracting(Profile::name)
			.containsExactly("files", "reports");
		assertThat(this.policy.profilesFor(new Caller("eve", Set.of(), Caller.AuthMethod.JWT))).isEmpty();
	}

	@Test
	void oneCallerNeverReachesAnothersPrefix() {
		Caller bob = new Caller("bob", Set.of("files"), Caller.AuthMethod.JWT);
		for (String key : new String[] { "../alice/a.txt", "x/../../alice/a.txt", "/users/alice/a.txt" }) {
			assertRule(
					() -> this.policy.authorizeDownload(bob, new DownloadIntent("files", key, null, null, null, null)),
					Rule.KEY_INVALID);
		}
		assertThat(
				this.policy.authorizeDownload(bob, new DownloadIntent("files", "alice/a.txt", null, null, null, null))
					.key())
			.isEqualTo("users/bob/alice/a.txt");
	}

	private static void assertRule(Runnable action, Rule rule) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(PolicyViolation.class,
				(violation) -> assertThat(violation.rule()).isEqualTo(rule));
	}

}
