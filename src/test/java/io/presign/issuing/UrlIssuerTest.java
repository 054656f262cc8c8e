package io.presign.issuing;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.presign.policy.BatchDownloadIntent;
import io.presign.policy.Disposition;
import io.presign.policy.DownloadIntent;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.Rule;
import io.presign.policy.UploadIntent;
import io.presign.signing.CloudFrontSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link UrlIssuer} puts a request together, without Spring, S3 or HTTP: policy
 * first, then the quota, S3 where the profile asks it, the signer once per request, and
 * the observers once per request with every key.
 */
class UrlIssuerTest {

	private final Profile files = IssuingFakes.profile("files", 1000, false, false);

	private final Profile archive = IssuingFakes.profile("archive", 1000, false, true);

	private final IssuingFakes.Signer signer = new IssuingFakes.Signer();

	private final IssuingFakes.CountingQuota quota = new IssuingFakes.CountingQuota();

	private final IssuingFakes.RecordingObserver observer = new IssuingFakes.RecordingObserver();

	private final IssuingFakes.Objects objects = new IssuingFakes.Objects("users/alice/kept.txt");

	private final UrlIssuer issuer = new UrlIssuer(
			new PresignPolicy(new ProfileCatalog(List.of(this.files, this.archive))), this.signer, this.quota,
			this.objects, new CloudFrontSigner(Map.of(), Clock.systemUTC()), this.observer.signing());

	@Test
	void aDownloadIsDecidedCountedSignedAndObservedOnce() {
		IssuedUrl issued = this.issuer.issueDownload(IssuingFakes.ALICE,
				new DownloadIntent("files", "a.txt", "A.txt", Disposition.ATTACHMENT, null, 60L));
		assertThat(issued.key()).isEqualTo("users/alice/a.txt");
		assertThat(issued.method()).isEqualTo("GET");
		assertThat(issued.url()).startsWith("https://s3.test/users/alice/a.txt");
		assertThat(issued.object()).as("the profile does not ask S3").isNull();
		assertThat(this.quota.urls).hasValue(1);
		assertThat(this.signer.calls).hasValue(1);
		assertThat(this.objects.heads).hasValue(0);
		assertThat(this.observer.issued).singleElement().satisfies((issuance) -> {
			assertThat(issuance.kind()).isEqualTo(UrlKind.DOWNLOAD);
			assertThat(issuance.keys()).containsExactly("users/alice/a.txt");
		});
	}

	@Test
	void aRefusalSignsNothingCountsNothingAndTellsNoObserver() {
		assertThatExceptionOfType(PolicyViolation.class)
			.isThrownBy(() -> this.issuer.issueUpload(IssuingFakes.ALICE,
					new UploadIntent("files", "../b.txt", "text/plain", 5L, null)))
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(Rule.KEY_INVALID));
		assertThat(this.quota.urls).hasValue(0);
		assertThat(this.signer.calls).hasValue(0);
		assertThat(this.observer.issued).isEmpty();
	}

	@Test
	void aMissingObjectIsRefusedAfterItWasCountedSoThatTheLimitBoundsTheQuestionsToS3() {
		assertThatExceptionOfType(PolicyViolation.class)
			.isThrownBy(() -> this.issuer.issueDownload(IssuingFakes.ALICE,
					new DownloadIntent("archive", "gone.txt", null, null, null, null)))
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(Rule.OBJECT_NOT_FOUND));
		assertThat(this.quota.urls).hasValue(1);
		assertThat(this.objects.heads).hasValue(1);
		assertThat(this.signer.calls).hasValue(0);
		IssuedUrl kept = this.issuer.issueDownload(IssuingFakes.ALICE,
				new DownloadIntent("archive", "kept.txt", null, null, null, null));
		assertThat(kept.object()).isNotNull().satisfies((object) -> assertThat(object.contentLength()).isEqualTo(5));
	}

	@Test
	void aBatchCountsAndSignsOnlyItsAllowedKeysInOneCallAndKeepsTheirOrder() {
		List<BatchResult> results = this.issuer.issueBatchDownload(IssuingFakes.ALICE,
				new BatchDownloadIntent("archive", List.of("kept.txt", "../bad", "gone.txt"), List.of(), null, null));
		assertThat(results).extracting((result) -> result.item().requested())
			.containsExactly("kept.txt", "../bad", "gone.txt");
		assertThat(results.get(0).url()).isNotNull();
		assertThat(results.get(1).item().refusal()).isNotNull()
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(Rule.KEY_INVALID));
		assertThat(results.get(2).item().refusal()).isNotNull()
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(Rule.OBJECT_NOT_FOUND));
		assertThat(this.quota.urls).as("the two well-formed keys, asked of S3").hasValue(2);
		assertThat(this.objects.heads).hasValue(2);
		assertThat(this.signer.calls).hasValue(1);
		assertThat(this.signer.signed).containsExactly("users/alice/kept.txt");
		assertThat(this.observer.issued).singleElement()
			.satisfies((issuance) -> assertThat(issuance.keys()).containsExactly("users/alice/kept.txt"));
	}

	@Test
	void aBatchWithNothingToSignSignsNothing() {
		List<BatchResult> results = this.issuer.issueBatchDownload(IssuingFakes.ALICE,
				new BatchDownloadIntent("files", List.of("../bad"), List.of(), null, null));
		assertThat(results).singleElement().satisfies((result) -> assertThat(result.url()).isNull());
		assertThat(this.signer.calls).hasValue(0);
		assertThat(this.observer.issued).isEmpty();
	}

	@Test
	void aFormIsCountedAndObservedUnderItsKey() {
		IssuedForm form = this.issuer.issueFormUpload(IssuingFakes.ALICE,
				new FormUploadIntent("files", "f.txt", null, "text/plain", null, null));
		assertThat(form.fields()).containsEntry("key", "users/alice/f.txt");
		assertThat(form.url()).isEqualTo("https://s3.test/bucket/");
		assertThat(this.quota.urls).hasValue(1);
		assertThat(this.observer.issued).singleElement().satisfies((issuance) -> {
			assertThat(issuance.kind()).isEqualTo(UrlKind.FORM_UPLOAD);
			assertThat(issuance.keys()).containsExactly("users/alice/f.txt");
		});
	}

}
