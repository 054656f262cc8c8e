package io.presign.signing;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Signing credentials from an SDK provider, such as the default chain. Such providers
 * cache and refresh on their own; a refresh here asks the provider again, which renews
 * credentials it considers stale.
 */
final class ProviderSigningCredentials implements SigningCredentials {

	private final AwsCredentialsProvider provider;

	ProviderSigningCredentials(AwsCredentialsProvider provider) {
		this.provider = provider;
	}

	@Override
	public SigningIdentity current() {
		return new SigningIdentity(this.provider.resolveCredentials());
	}

	@Override
	public SigningIdentity refresh() {
		return current();
	}

}
