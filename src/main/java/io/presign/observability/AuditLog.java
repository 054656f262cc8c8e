package io.presign.observability;

import java.util.List;
import java.util.Locale;

import io.presign.issuing.Issuance;
import io.presign.issuing.IssuanceObserver;
import io.presign.issuing.RevocationEvent;
import io.presign.issuing.StorageCall;
import io.presign.policy.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured event per request that was issued URLs (a batch's lists its keys) and
 * per refusal, on the {@value #LOGGER} logger so that it can be routed apart. Fields are
 * key-value pairs, which structured logging (ECS, Logstash) turns into JSON fields; the
 * request id and client address come from the MDC that {@link RequestIdFilter} fills. The
 * URL itself is never logged: its signature, credential and token would make the log a
 * key ring.
 */
public final class AuditLog implements IssuanceObserver {

	/** The audit logger's name. */
	public static final String LOGGER = "presign.audit";

	/** MDC key of the request id. */
	public static final String REQUEST_ID = "requestId";

	/** MDC key of the client address. */
	public static final String CLIENT_IP = "clientIp";

	/** The longest caller-supplied value logged whole: S3's longest key. */
	static final int MAX_VALUE_LENGTH = 1024;

	/**
	 * The most keys of one request listed, issued or refused; {@code keyCount} tells how
	 * many there were.
	 */
	static final int MAX_KEYS = 100;

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	@Override
	public void issued(Caller caller, Issuance issuance) {
		if (!log.isInfoEnabled()) {
			return;
		}
		LoggingEventBuilder event = base("url-issued", "success", caller)
			.addKeyValue("profile", issuance.profile().name())
			.addKeyValue("bucket", issuance.profile().bucket());
		// The keys were checked by policy: bounded in length and free of control
		// characters.
		event = (issuance.urlCount() == 1) ? event.addKeyValue("key", issuance.keys().get(0))
				: event.addKeyValue("keys", issuance.keys().stream().limit(MAX_KEYS).toList())
					.addKeyValue("keyCount", issuance.urlCount());
		event = event.addKeyValue("operation", issuance.kind().wireName())
			.addKeyValue("expiresAt", issuance.expiresAt().toString())
			.addKeyValue("expiresInSeconds", issuance.lifetime().toSeconds());
		if (issuance.cappedBy() != null) {
			event = event.addKeyValue("cappedBy", issuance.cappedBy().wireName());
		}
		if (issuance.urlCount() == 1) {
			event.log("Issued a {} URL for {}/{}", issuance.kind().wireName(), issuance.profile().bucket(),
					issuance.keys().get(0));
		}
		else {
			event.log("Issued {} {} URLs in {}", issuance.urlCount(), issuance.kind().wireName(),
					issuance.profile().bucket());
		}
	}

	@Override
	public void revocation(Caller caller, RevocationEvent event) {
		LoggingEventBuilder audit = base("urls-revoked",
				(event.outcome() == RevocationEvent.Outcome.REVOKED) ? "success" : "failure", caller)
			.addKeyValue("scope", (event.profile() != null) ? "profile" : "all")
			.addKeyValue("revocationOutcome", event.outcome().wireName())
			.addKeyValue("reason", bounded(event.reason()));
		if (event.profile() != null) {
			audit = audit.addKeyValue("profile", event.profile());
		}
		if (event.revokedBefore() != null) {
			audit = audit.addKeyValue("revokedBefore", event.revokedBefore().toString());
		}
		audit.log("Revocation of {} URLs: {}", (event.profile() != null) ? event.profile() : "all",
				event.outcome().wireName());
	}

	@Override
	public void storageCall(Caller caller, StorageCall call) {
		LoggingEventBuilder event = base(call.action().wireName(),
				(call.outcome() == StorageCall.Outcome.FAILURE) ? "failure" : "success", caller)
			.addKeyValue("profile", call.profile().name())
			.addKeyValue("bucket", call.profile().bucket())
			.addKeyValue("key", call.key())
			.addKeyValue("storageOutcome", call.outcome().wireName());
		if (call.uploadId() != null) {
			event = event.addKeyValue("uploadId", bounded(call.uploadId()));
		}
		if (call.ticketed()) {
			event = event.addKeyValue("ticket", true);
		}
		if (call.code() != null) {
			event = event.addKeyValue("reason", call.code());
		}
		if (call.s3Code() != null) {
			event = event.addKeyValue("s3Code", bounded(call.s3Code()));
		}
		event.log("S3 {} of {}/{}: {}", call.action().wireName(), call.profile().bucket(), call.key(),
				call.outcome().wireName());
	}

	/**
	 * Record a refused request, with the objects the caller tried to reach.
	 * @param caller who asked; none when unauthenticated
	 * @param profile the profile named
	 * @param keys the keys the request named, as sent (relative, full, or a batch's),
	 * possibly none
	 * @param status the HTTP status answered
	 * @param reason the problem code
	 */
	void refused(@Nullable Caller caller, @Nullable String profile, List<String> keys, int status, String reason) {
		LoggingEventBuilder event = base("request-refused", "failure", caller).addKeyValue("status", status)
			.addKeyValue("reason", reason);
		if (profile != null) {
			event = event.addKeyValue("profile", bounded(profile));
		}
		if (keys.size() == 1) {
			event = event.addKeyValue("key", bounded(keys.get(0)));
		}
		else if (!keys.isEmpty()) {
			event = event.addKeyValue("keys", keys.stream().limit(MAX_KEYS).map(AuditLog::bounded).toList())
				.addKeyValue("keyCount", keys.size());
		}
		event.log("Refused a request: {}", reason);
	}

	/**
	 * A caller's value as it can safely stand in a log line: control characters escaped,
	 * so no value can forge a line in a plain-text log, and at most
	 * {@value #MAX_VALUE_LENGTH} characters, so no value can blow up the log (a refused
	 * key may be any length).
	 */
	static String bounded(String value) {
		StringBuilder bounded = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH) + 16);
		int end = Math.min(value.length(), MAX_VALUE_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				bounded.append(String.format("\\u%04x", (int) c));
			}
			else {
				bounded.append(c);
			}
		}
		if (value.length() > end) {
			bounded.append("…(").append(value.length() - end).append(" more characters)");
		}
		return bounded.toString();
	}

	private static LoggingEventBuilder base(String eventName, String outcome, @Nullable Caller caller) {
		LoggingEventBuilder event = log.atInfo()
			.addKeyValue("event.action", eventName)
			.addKeyValue("event.outcome", outcome);
		if (caller != null) {
			event = event.addKeyValue("principal", caller.name())
				.addKeyValue("authMethod", caller.authMethod().name().toLowerCase(Locale.ROOT));
		}
		return event;
	}

}
