package io.presign.policy;

import java.util.List;

/**
 * Decides whether a caller may have a URL, and for exactly what: the only place where requests meet
 * profiles.
 */
public final class PresignPolicy {

	private static final int MAX_VERSION_ID_LENGTH = 1024;

	private final ProfileCatalog catalog;

	/**
	 * @param catalog the configured profiles
	 */
	public PresignPolicy(ProfileCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Authorize a download.
	 * @param caller the caller
	 * @param intent what the caller asks for
	 * @return the grant to sign
	 * @throws PolicyViolation if any rule is broken
	 */
	public DownloadGrant authorizeDownload(Caller caller, DownloadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.DOWNLOAD);
		String key = profile.keyFor(caller, intent.key());
		checkVersionId(intent.versionId());
		String contentDisposition = ContentDispositionValue.of(intent.disposition(), intent.filename());
		return new DownloadGrant(profile, key, intent.versionId(), contentDisposition,
				profile.expiry().resolve(intent.expiresInSeconds()));
	}

	/**
	 * Authorize an upload.
	 * @param caller the caller
	 * @param intent what the caller asks for
	 * @return the grant to sign
	 * @throws PolicyViolation if any rule is broken
	 */
	public UploadGrant authorizeUpload(Caller caller, UploadIntent intent) {
		Profile profile = profileFor(caller, intent.profile(), Operation.UPLOAD);
		String key = profile.keyFor(caller, intent.key());
		String contentType = profile.contentTypes().check(intent.contentType());
		long contentLength = profile.checkContentLength(intent.contentLength());
		return new UploadGrant(profile, key, contentType, contentLength,
				profile.expiry().resolve(intent.expiresInSeconds()));
	}

	/**
	 * The profiles a caller holds the scope for.
	 * @param caller the caller
	 * @return those profiles, in configuration order
	 */
	public List<Profile> profilesFor(Caller caller) {
		return this.catalog.all().stream().filter((profile) -> caller.holds(profile.requiredScope())).toList();
	}

	private Profile profileFor(Caller caller, String name, Operation operation) {
		Profile profile = this.catalog.find(name)
			.orElseThrow(() -> new PolicyViolation(Rule.PROFILE_NOT_FOUND, "profile", "No profile is named '" + name + "'"));
		if (!caller.holds(profile.requiredScope())) {
			throw new PolicyViolation(Rule.SCOPE_MISSING, "profile",
					"The profile '" + name + "' requires the scope '" + profile.requiredScope() + "'");
		}
		if (!profile.operations().contains(operation)) {
			throw new PolicyViolation(Rule.OPERATION_NOT_ALLOWED, "profile",
					"The profile '" + name + "' does not allow " + operation.wireName() + "s");
		}
		return profile;
	}

	private static void checkVersionId(String versionId) {
		if (versionId != null && (versionId.isEmpty() || versionId.length() > MAX_VERSION_ID_LENGTH
				|| TextRules.hasUnsafeCharacters(versionId))) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "versionId",
					"The version id must hold 1 to " + MAX_VERSION_ID_LENGTH + " characters and no control characters");
		}
	}

}
