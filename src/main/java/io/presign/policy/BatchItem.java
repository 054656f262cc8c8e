package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * One item of a batch: a grant to sign, or why it was refused.
 *
 * @param requested the key as the caller gave it
 * @param full whether it was given as a full key
 * @param refusal why it was refused
 */
public record BatchItem(String requested, boolean full, @Nullable DownloadGrant grant,
		@Nullable PolicyViolation refusal) {
}
