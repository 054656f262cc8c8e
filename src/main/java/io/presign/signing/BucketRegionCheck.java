package io.presign.signing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Verifies at start-up that each profile's bucket really is in the region its URLs are
 * signed for: a URL signed for the wrong region fails with a redirect or
 * SignatureDoesNotMatch that no client can explain. The result is kept for readiness and
 * diagnostics, which make no AWS call of their own.
 */
public final class BucketRegionCheck implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(BucketRegionCheck.class);

	private static final String REGION_HEADER = "x-amz-bucket-region";

	private final ProfileCatalog catalog;

	private final PresignerRegistry clients;

	private final SigningProperties.RegionCheck mode;

	private final Map<String, BucketRegion> results = new ConcurrentHashMap<>();

	BucketRegionCheck(ProfileCatalog catalog, PresignerRegistry clients, SigningProperties.RegionCheck mode) {
		this.catalog = catalog;
		this.clients = clients;
		this.mode = mode;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.mode == SigningProperties.RegionCheck.OFF) {
			this.catalog.all()
				.forEach((profile) -> this.results.put(profile.name(),
						new BucketRegion(profile.name(), profile.bucket(), profile.region(), null, null)));
			return;
		}
		List<BucketRegion> checked = this.catalog.all().stream().map(this::check).toList();
		checked.forEach((region) -> this.results.put(region.profile(), region));
		List<String> mismatches = checked.stream()
			.filter(BucketRegion::mismatched)
			.map(BucketRegion::describe)
			.toList();
		if (!mismatches.isEmpty() && this.mode == SigningProperties.RegionCheck.FAIL) {
			throw new IllegalStateException(String.join("; ", mismatches)
					+ ". Fix the profile's region, or set presign.signing.region-check=warn to start anyway.");
		}
		mismatches.forEach((mismatch) -> log.warn("{}: its URLs will fail", mismatch));
		checked.stream()
			.filter((region) -> "unverified".equals(region.state()))
			.forEach((region) -> log.warn("Could not verify the region of bucket '{}' (profile '{}'): {}",
					region.bucket(), region.profile(), region.detail()));
	}

	/**
	 * @param profile a profile name
	 * @return the last check of its bucket's region
	 */
	public @Nullable BucketRegion resultFor(String profile) {
		return this.results.get(profile);
	}

	private BucketRegion check(Profile profile) {
		String actual;
		String detail = null;
		try {
			actual = this.clients.clientFor(profile)
				.headBucket((request) -> request.bucket(profile.bucket()))
				.sdkHttpResponse()
				.firstMatchingHeader(REGION_HEADER)
				.orElse(null);
			if (actual == null) {
				detail = "S3 named no region (an S3-compatible store?)";
			}
		}
		catch (S3Exception ex) {
			// S3 names the bucket's region even when it refuses HeadBucket (301 redirect,
			// 403 without ListBucket).
			SdkHttpResponse response = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().sdkHttpResponse() : null;
			actual = (response != null) ? response.firstMatchingHeader(REGION_HEADER).orElse(null) : null;
			if (actual == null) {
				detail = "HeadBucket answered " + ex.statusCode() + " without a region";
			}
		}
		catch (SdkException ex) {
			actual = null;
			detail = ex.getMessage();
		}
		return new BucketRegion(profile.name(), profile.bucket(), profile.region(), actual, detail);
	}

}
