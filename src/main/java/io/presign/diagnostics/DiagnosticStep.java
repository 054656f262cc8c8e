package io.presign.diagnostics;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One check of the diagnostics checklist.
 *
 * @param name the check, for example {@code canary-put}
 * @param status {@code ok}, {@code warn}, {@code failed} or {@code skipped}
 * @param detail what was found
 * @param code S3's or STS's error code when a call failed
 * @param hint what usually causes that error
 * @param data measured values, for example the clock skew
 */
public record DiagnosticStep(String name, String status, String detail, @Nullable String code, @Nullable String hint,
		Map<String, Object> data) {

	static DiagnosticStep ok(String name, String detail, Map<String, Object> data) {
		return new DiagnosticStep(name, "ok", detail, null, null, data);
	}

	static DiagnosticStep warn(String name, String detail, Map<String, Object> data) {
		return new DiagnosticStep(name, "warn", detail, null, null, data);
	}

	static DiagnosticStep skipped(String name, String detail) {
		return new DiagnosticStep(name, "skipped", detail, null, null, Map.of());
	}

	static DiagnosticStep failed(String name, String detail, @Nullable String code) {
		return new DiagnosticStep(name, "failed", detail, code, FailureHints.forCode(code), Map.of());
	}

}
