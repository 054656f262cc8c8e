package io.presign.signing;

import java.util.List;
import java.util.Optional;

import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * Asks S3 whether objects exist (HeadObject), for profiles that issue downloads only for
 * stored objects.
 */
public interface StoredObjects {

	/**
	 * @param versionId a version, or the current object
	 * @return what S3 holds under the key, or nothing when S3 answers 404 (or 405: the
	 * version is a delete marker)
	 * @throws SigningUnavailableException if S3 cannot answer within the call timeout, or
	 * answers otherwise
	 * @throws io.presign.policy.PolicyViolation 400 if S3 refuses the version id
	 */
	Optional<StoredObject> head(Profile profile, String key, @Nullable String versionId);

	/**
	 * Several keys of one profile, asked in parallel; all answers arrive within one call
	 * timeout or none do.
	 * @return one answer per key, in the keys' order
	 * @throws SigningUnavailableException as {@link #head}
	 */
	List<Optional<StoredObject>> headAll(Profile profile, List<String> keys);

}
