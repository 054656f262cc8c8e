package io.presign.policy;

/**
 * One item of a batch: a grant to sign, or why it was refused.
 *
 * @param requested the key as the caller gave it
 * @param full whether it was given as a full key
 * @param grant the grant, or {@code null}
 * @param refusal why it was refused, or {@code null}
 */
public record BatchItem(String requested, boolean full, DownloadGrant grant, PolicyViolation refusal) {
}
