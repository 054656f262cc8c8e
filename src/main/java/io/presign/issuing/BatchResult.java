package io.presign.issuing;

import io.presign.policy.BatchItem;

/**
 * One item of a batch: the URL issued for it, or the refusal in {@code item}.
 *
 * @param item what policy decided for the item
 * @param url the issued URL, or {@code null} when the item was refused
 */
public record BatchResult(BatchItem item, IssuedUrl url) {
}
