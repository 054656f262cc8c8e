package io.presign.observability;

import java.util.List;

import io.presign.policy.Caller;
import io.presign.policy.ProfileCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Records every refused request once: counted under its problem code and audited with
 * what the caller named.
 */
public final class RefusalRecorder {

	private final PresignMetrics metrics;

	private final AuditLog audit;

	private final ProfileCatalog catalog;

	RefusalRecorder(PresignMetrics metrics, AuditLog audit, ProfileCatalog catalog) {
		this.metrics = metrics;
		this.audit = audit;
		this.catalog = catalog;
	}

	/**
	 * Record a refusal.
	 * @param caller who asked, when authenticated
	 * @param profile the profile the request named, as sent
	 * @param keys the keys the request named, as sent (relative, full, or a batch's),
	 * possibly none
	 * @param status the HTTP status answered
	 * @param code the problem code
	 */
	public void refused(@Nullable Caller caller, @Nullable String profile, List<String> keys, int status, String code) {
		// Only configured profile names become tags: anything else a client sends would
		// explode cardinality.
		String tag = (profile != null && this.catalog.find(profile).isPresent()) ? profile
				: PresignMetrics.UNKNOWN_PROFILE;
		this.metrics.rejected(tag, code);
		// The audit keeps what was named, even an unknown profile: probing for profiles
		// is worth a record.
		this.audit.refused(caller, profile, keys, status, code);
	}

}
