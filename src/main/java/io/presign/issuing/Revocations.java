package io.presign.issuing;

import java.time.Instant;
import java.util.List;

import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.signing.RevocationFailedException;
import io.presign.signing.RoleRevocations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Revokes outstanding URLs: the admin's emergency brake when URLs leaked. A presigned URL
 * cannot be revoked by itself, only through the credentials that signed it, so this needs
 * the service to sign with a role of its own.
 */
@Service
public final class Revocations {

	/** What a refusal says revocation needs, in the problem's detail and the docs. */
	public static final String NEEDS_A_ROLE = "Revoking URLs needs a signing role (presign.signing.role.arn): URLs "
			+ "signed with static or default-chain credentials can only be revoked by deactivating or rotating "
			+ "those credentials in IAM, which revokes every URL they signed";

	private final @Nullable RoleRevocations role;

	private final List<IssuanceObserver> observers;

	Revocations(ObjectProvider<RoleRevocations> role, List<IssuanceObserver> observers) {
		this.role = role.getIfAvailable();
		this.observers = List.copyOf(observers);
	}

	/**
	 * Makes every URL signed until now fail: all of them, or those of one profile's
	 * bucket and prefix.
	 * @param profile the profile whose URLs to revoke; none for all
	 * @param reason why, for the audit trail
	 * @throws RevocationUnavailableException when the signing credentials cannot be
	 * revoked this way
	 * @throws RevocationFailedException when STS or IAM fail
	 */
	public Revoked revoke(Caller caller, @Nullable Profile profile, String reason) {
		String profileName = (profile != null) ? profile.name() : null;
		RoleRevocations revocations = this.role;
		String unavailable = null;
		if (revocations == null) {
			unavailable = NEEDS_A_ROLE;
		}
		else if (profile != null && profile.endpoint() != null) {
			unavailable = "Profile '" + profileName + "' uses an S3-compatible store at its own endpoint, which IAM "
					+ "policies do not govern: revoke by rotating that store's credentials";
		}
		else if (profile != null && profile.cloudFront() != null) {
			unavailable = "Profile '" + profileName + "' delivers through CloudFront, whose URLs its key pair signs, "
					+ "not the signing role: revoke them by removing the public key from the distribution's key group";
		}
		if (unavailable != null || revocations == null) {
			notify(caller, new RevocationEvent(profileName, reason, RevocationEvent.Outcome.REFUSED, null));
			throw new RevocationUnavailableException((unavailable != null) ? unavailable : NEEDS_A_ROLE);
		}
		try {
			RoleRevocations.Revocation revocation = (profile != null)
					? revocations.revoke(profile.name(), profile.bucket(), profile.keyPrefix().constantPrefix())
					: revocations.revoke(null, null, "");
			notify(caller, new RevocationEvent(profileName, reason, RevocationEvent.Outcome.REVOKED,
					revocation.revokedBefore()));
			return new Revoked(revocation.revokedBefore(), revocation.role(), revocation.policyName(),
					revocation.resources());
		}
		catch (RevocationFailedException ex) {
			notify(caller, new RevocationEvent(profileName, reason, RevocationEvent.Outcome.FAILED, null));
			throw ex;
		}
	}

	private void notify(Caller caller, RevocationEvent event) {
		for (IssuanceObserver observer : this.observers) {
			observer.revocation(caller, event);
		}
	}

	/**
	 * A revocation made.
	 *
	 * @param revokedBefore URLs signed by sessions issued before this time now fail
	 * @param role the signing role that carries the deny policy
	 * @param policyName the role's inline policy holding it
	 * @param resources what it covers: {@code *}, or a profile's bucket and prefix
	 */
	public record Revoked(Instant revokedBefore, String role, String policyName, List<String> resources) {
	}

}
