package io.presign.api;

/**
 * A request body that names a profile and a key, so that refusals can be audited and counted per profile.
 */
interface ObjectRequest {

	String profile();

	String key();

}
