package io.presign.signing;

/**
 * Where signing credentials come from. Separate from the SDK's provider so that a caller
 * can ask for a refresh when what is cached expires too soon.
 */
public interface SigningCredentials {

	/**
	 * @return the credentials to sign with now, possibly cached
	 */
	SigningIdentity current();

	/**
	 * Try to obtain fresher credentials than {@link #current()}.
	 * @return the freshest credentials available
	 */
	SigningIdentity refresh();

}
