package io.presign.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a caller may have a URL, and for exactly what: the only place where
 * requests meet profiles.
 */
public final class PresignPolicy {

	private static final int MAX_VERSION_ID_LENGTH = 1024;

	private final ProfileCatalog catalog;

	private final int maxBatchSize;

	private final ServicePrefixes servicePrefixes;

	/**
	 * @param catalog the configured profiles
	 * @param maxBatchSize the most URLs one batch may ask for
	 */
	public PresignPolicy(ProfileCatalog catalog, int maxBatchSize) {
		this(catalog, maxBatchSize, ServicePrefixes.NONE);
	}

	/**
	 * @param catalog the configured profiles
	 * @param maxBatchSize the most keys (or part numbers) per request
	 * @param servicePrefixes prefixes that belong to API-key callers, which token callers
	 * may never resolve to
	 */
	public PresignPolicy(ProfileCatalog catalog, int maxBatchSize, ServicePrefixes servicePrefixes) {
		this.catalog = catalog;
		this.maxBatchSize = maxBatchSize;
		this.servicePrefixes = servicePrefixes;
	}

	/**
	 * A policy allowing batches of up to 100.
	 * @param catalog the configured profiles
	 */
	public PresignPolicy(ProfileCatalog catalog) {
		this(catalog, 100);
	}

	/**
	 * Authorize a download.
	 * @param intent what the caller asks for
	 * @return the grant to sign
	 * @throws PolicyViolation if any rule is broken
	 */
	public DownloadGrant authorizeDownload(Caller caller, DownloadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.DOWNLOAD);
		String key = objectKey(caller, profile, intent.key(), intent.fullKey());
		checkVersionId(intent.versionId());
		String contentDisposition = ContentDispositionValue.of(intent.disposition(), intent.filename());
		checkDelivery(profile, intent.versionId(), contentDisposition,
				(intent.filename() != null) ? "filename" : "disposition", intent.ipRange());
		String responseContentType = null;
		if (intent.responseContentType() != null) {
			if (profile.cloudFront() != null) {
				throw new PolicyViolation(Rule.REQUEST_INVALID, "responseContentType", "The profile '" + profile.name()
						+ "' delivers through CloudFront, which does not pass response overrides to S3");
			}
			responseContentType = profile.contentTypes().check(intent.responseContentType(), "responseContentType");
		}
		return new DownloadGrant(profile, key, intent.versionId(), contentDisposition,
				profile.expiry().resolve(intent.expiresInSeconds()), IpRange.check(intent.ipRange(), "ipRange"),
				responseContentType);
	}

	/**
	 * Authorize CloudFront signed cookies for every object under a prefix of the
	 * caller's.
	 * @param intent what the caller asks for
	 * @return the grant to sign
	 * @throws PolicyViolation if any rule is broken, or the profile does not deliver
	 * through CloudFront
	 */
	public CookieGrant authorizeCookies(Caller caller, CookieIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.DOWNLOAD);
		if (profile.cloudFront() == null) {
			throw new PolicyViolation(Rule.OPERATION_NOT_ALLOWED, "profile", "The profile '" + profile.name()
					+ "' delivers from S3: signed cookies need a profile with delivery: cloudfront");
		}
		String prefix = (intent.keyPrefix() != null) ? subPrefix(caller, profile, intent.keyPrefix())
				: profile.keyPrefix().expand(caller);
		if (prefix.isEmpty()) {
			// Its policy would be every path of the distribution, whatever else it
			// serves.
			throw new PolicyViolation(Rule.KEY_INVALID, "keyPrefix", "Cookies need a key prefix: the profile '"
					+ profile.name() + "' has none, so name one (ending with '/')");
		}
		return new CookieGrant(profile, prefix, profile.expiry().resolve(intent.expiresInSeconds()),
				IpRange.check(intent.ipRange(), "ipRange"));
	}

	/**
	 * CloudFront caches by path and passes a query string to S3 only where the
	 * distribution is told to, so what S3 alone would honour in a query is refused rather
	 * than silently dropped; an IP range, which only CloudFront can enforce, is refused
	 * on S3 profiles.
	 */
	private static void checkDelivery(Profile profile, @Nullable String versionId, @Nullable String disposition,
			String dispositionField, @Nullable String ipRange) {
		if (profile.cloudFront() == null) {
			if (ipRange != null) {
				throw new PolicyViolation(Rule.REQUEST_INVALID, "ipRange", "The profile '" + profile.name()
						+ "' delivers from S3, whose presigned URLs cannot be bound to an IP range");
			}
			return;
		}
		if (versionId != null) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "versionId", "The profile '" + profile.name()
					+ "' delivers through CloudFront, which serves the latest version");
		}
		if (disposition != null) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, dispositionField, "The profile '" + profile.name()
					+ "' delivers through CloudFront, which does not pass response overrides to S3");
		}
	}

	/**
	 * Authorize many downloads from one profile. Profile-level refusals and any key
	 * outside the caller's prefix refuse the whole batch; a malformed key refuses only
	 * its item.
	 * @param intent what the caller asks for
	 * @return one item per key, in request order ({@code keys}, then {@code fullKeys})
	 * @throws PolicyViolation if the whole batch is refused
	 */
	public List<BatchItem> authorizeBatchDownload(Caller caller, BatchDownloadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.DOWNLOAD);
		if (intent.size() == 0 || intent.size() > this.maxBatchSize) {
			throw new PolicyViolation(Rule.BATCH_SIZE_INVALID, "keys",
					"A batch must name between 1 and " + this.maxBatchSize + " keys",
					Map.of("maxBatchSize", this.maxBatchSize));
		}
		Expiry expiry = profile.expiry().resolve(intent.expiresInSeconds());
		String disposition = ContentDispositionValue.of(intent.disposition(), null);
		checkDelivery(profile, null, disposition, "disposition", null);
		List<BatchItem> items = new ArrayList<>(intent.size());
		for (String key : intent.keys()) {
			items.add(batchItem(key, false, () -> profile.keyFor(caller, key), profile, disposition, expiry));
		}
		for (String fullKey : intent.fullKeys()) {
			items.add(batchItem(fullKey, true, () -> profile.checkFullKey(caller, fullKey), profile, disposition,
					expiry));
		}
		return items;
	}

	private static BatchItem batchItem(String requested, boolean full, KeyResolution resolution, Profile profile,
			@Nullable String disposition, Expiry expiry) {
		try {
			return new BatchItem(requested, full,
					new DownloadGrant(profile, resolution.resolve(), null, disposition, expiry), null);
		}
		catch (PolicyViolation violation) {
			if (violation.rule().outcome() == Rule.Outcome.FORBIDDEN) {
				// Asking for another caller's objects is not a typo: refuse the whole
				// batch.
				throw violation;
			}
			return new BatchItem(requested, full, null, violation);
		}
	}

	/**
	 * Authorize an upload.
	 * @param intent what the caller asks for
	 * @return the grant to sign
	 * @throws PolicyViolation if any rule is broken
	 */
	public UploadGrant authorizeUpload(Caller caller, UploadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.UPLOAD);
		String key = uploadKey(caller, profile, intent.key(), intent.fullKey());
		String contentType = profile.contentTypes().check(intent.contentType());
		long contentLength = profile.checkContentLength(intent.contentLength());
		Checksum checksum = Checksums.additional(intent.checksumAlgorithm(), intent.checksumValue());
		if (checksum != null && checksum.algorithm() == ChecksumAlgorithm.SHA256 && intent.checksumSha256() != null) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum",
					"Give the SHA-256 once: as checksumSha256 or as checksum, not both");
		}
		ObjectStamp stamp = profile.objects().stamp(caller, intent.metadata(), checksum);
		return new UploadGrant(profile, key, contentType, contentLength,
				profile.expiry().resolve(intent.expiresInSeconds()), Checksums.md5(intent.contentMd5()),
				Checksums.sha256(intent.checksumSha256()), stamp);
	}

	/**
	 * Authorize a browser form upload, with an exact key or any key under a prefix, and
	 * an exact Content-Type or a family such as {@code image/*}.
	 * @param intent what the caller asks for
	 * @return the conditions to sign
	 */
	public FormUploadGrant authorizeFormUpload(Caller caller, FormUploadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.UPLOAD);
		checkFormsCanKeepRules(profile, profile.keyStrategy() == KeyStrategy.GENERATED);
		String key = null;
		String keyPrefix = null;
		if (intent.keyPrefix() != null && !profile.formKeyPrefixAllowed()) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "keyPrefix", "Profile '" + profile.name()
					+ "' takes no keyPrefix in form uploads (its store may resolve '..' in keys); name a key instead");
		}
		if (intent.keyPrefix() != null) {
			if (intent.key() != null || profile.keyStrategy() == KeyStrategy.GENERATED) {
				throw new PolicyViolation(Rule.REQUEST_INVALID, "keyPrefix",
						"Give key or keyPrefix, not both; profiles that generate keys take no keyPrefix");
			}
			keyPrefix = subPrefix(caller, profile, intent.keyPrefix());
		}
		else {
			key = uploadKey(caller, profile, intent.key(), null);
		}
		String contentType = null;
		String contentTypePrefix = null;
		if (intent.contentType() != null && intent.contentType().trim().endsWith("/*")) {
			contentTypePrefix = profile.contentTypes().checkWildcard(intent.contentType());
		}
		else {
			contentType = profile.contentTypes().check(intent.contentType());
		}
		long maxContentLength = (intent.maxContentLength() != null)
				? profile.checkContentLength(intent.maxContentLength()) : profile.maxContentLength();
		return new FormUploadGrant(profile, key, keyPrefix, contentType, contentTypePrefix, maxContentLength,
				profile.expiry().resolve(intent.expiresInSeconds()), formStamp(caller, profile));
	}

	/**
	 * @param relative a prefix below the caller's, empty or ending with '/'
	 * @return the full prefix
	 */
	private static String subPrefix(Caller caller, Profile profile, String relative) {
		if (!relative.isEmpty() && !relative.endsWith("/")) {
			throw new PolicyViolation(Rule.KEY_INVALID, "keyPrefix", "The key prefix must be empty or end with '/'");
		}
		// Validated as a key with a stand-in file name, so the same segment rules apply.
		String full = ObjectKeyRules.resolve(profile.keyPrefix().expand(caller), relative + "f", "keyPrefix");
		return full.substring(0, full.length() - 1);
	}

	/**
	 * Authorize a form upload under a key the service names below the caller's prefix,
	 * for a widget that signs before the caller can choose a key: S3 enforces the
	 * profile's content type and maximum size.
	 * @param fileName the client's file name, whose plain extension the key keeps
	 * @return the conditions to sign
	 */
	public FormUploadGrant authorizeGeneratedFormUpload(Caller caller, String profileName, @Nullable String fileName,
			@Nullable String contentType) {
		Profile profile = profileFor(caller, profileName, Operation.UPLOAD);
		checkFormsCanKeepRules(profile, true);
		String type = profile.contentTypes().check(contentType);
		return new FormUploadGrant(profile, profile.generatedKeyFor(caller, fileName), null, type, null,
				profile.maxContentLength(), profile.expiry().resolve(null), formStamp(caller, profile));
	}

	/**
	 * A browser form cannot keep two of a profile's rules: S3 honours no
	 * {@code If-None-Match} on a POST upload, so a create-only profile takes a form only
	 * for a key the service generated (a fresh UUID, which no object can have yet); and a
	 * form carries no checksum of the file before the browser reads it. Otherwise such a
	 * profile takes uploads by PUT or in parts.
	 * @param generatedKey whether the form's key is one the service generates
	 */
	private static void checkFormsCanKeepRules(Profile profile, boolean generatedKey) {
		if (profile.objects().createOnly() && !generatedKey) {
			throw new PolicyViolation(Rule.OPERATION_NOT_ALLOWED, "profile",
					"The profile '" + profile.name()
							+ "' is create-only (overwrite: deny), which S3 cannot enforce on a form upload of a key "
							+ "the caller names: upload with PUT (POST /v1/uploads) or in parts");
		}
		if (profile.objects().requiredChecksum() != null) {
			throw new PolicyViolation(Rule.OPERATION_NOT_ALLOWED, "profile", "The profile '" + profile.name()
					+ "' requires a checksum, which a form upload cannot carry: upload with PUT (POST /v1/uploads), or in "
					+ "parts (POST /v1/multipart-uploads) where the checksum is a CRC");
		}
	}

	/**
	 * What a form's object must carry: the profile's metadata, tags and storage class.
	 */
	private static ObjectStamp formStamp(Caller caller, Profile profile) {
		return profile.objects().stamp(caller, null, null);
	}

	/**
	 * The key of an upload: the service's own on profiles that generate keys, else the
	 * caller's.
	 */
	static String uploadKey(Caller caller, Profile profile, @Nullable String key, @Nullable String fullKey) {
		if (profile.keyStrategy() == KeyStrategy.GENERATED) {
			if (fullKey != null) {
				throw new PolicyViolation(Rule.REQUEST_INVALID, "fullKey",
						"The profile '" + profile.name() + "' generates keys: give at most a file name as key");
			}
			return profile.generatedKeyFor(caller, key);
		}
		return objectKey(caller, profile, key, fullKey);
	}

	/**
	 * The profiles a caller may use, with at least one operation.
	 * @return those profiles, in configuration order
	 */
	public List<Profile> profilesFor(Caller caller) {
		return this.catalog.all()
			.stream()
			.filter((profile) -> caller.mayUse(profile.name()) && !profile.operationsFor(caller).isEmpty())
			.toList();
	}

	/**
	 * The profile a caller names, if the caller may use it for the operation.
	 * @param name the profile name
	 * @return the profile
	 * @throws PolicyViolation 404 if unknown, 403 if not allowed
	 */
	public Profile profileFor(Caller caller, String name, Operation operation) {
		Profile profile = this.catalog.require(name);
		if (!caller.mayUse(name)) {
			throw new PolicyViolation(Rule.PROFILE_NOT_ALLOWED, "profile",
					"The caller's credentials are restricted to other profiles than '" + name + "'");
		}
		if (!profile.operations().contains(operation)) {
			throw new PolicyViolation(Rule.OPERATION_NOT_ALLOWED, "profile",
					"The profile '" + name + "' does not allow " + operation.wireName() + "s");
		}
		if (!profile.operationsFor(caller).contains(operation)) {
			throw new PolicyViolation(Rule.SCOPE_MISSING, "profile",
					"No scope the caller holds grants " + operation.wireName() + "s on profile '" + name + "'",
					Map.of("grantingScopes", grantingScopes(profile, operation)));
		}
		this.servicePrefixes.check(profile, caller);
		return profile;
	}

	private static List<String> grantingScopes(Profile profile, Operation operation) {
		List<String> scopes = new ArrayList<>();
		if (profile.requiredScope() != null) {
			scopes.add(profile.requiredScope());
		}
		profile.scopeOperations().forEach((scope, operations) -> {
			if (operations.contains(operation)) {
				scopes.add(scope);
			}
		});
		return scopes.stream().sorted().toList();
	}

	private static String objectKey(Caller caller, Profile profile, @Nullable String key, @Nullable String fullKey) {
		if (key != null && fullKey != null) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "fullKey", "Give either key or fullKey, not both");
		}
		return (fullKey != null) ? profile.checkFullKey(caller, fullKey) : profile.keyFor(caller, key);
	}

	private static void checkVersionId(@Nullable String versionId) {
		if (versionId != null && (versionId.isEmpty() || versionId.length() > MAX_VERSION_ID_LENGTH
				|| TextRules.hasUnsafeCharacters(versionId))) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "versionId",
					"The version id must hold 1 to " + MAX_VERSION_ID_LENGTH + " characters and no control characters");
		}
	}

	@FunctionalInterface
	private interface KeyResolution {

		String resolve();

	}

}
