package io.presign.issuing;

import io.presign.policy.BatchItem;
import org.jspecify.annotations.Nullable;

/**
 * One item of a batch: the URL issued for it, or the refusal in {@code item}.
 *
 * @param item what policy decided for the item
 * @param url the issued URL; none when the item was refused
 */
public record BatchResult(BatchItem item, @Nullable IssuedUrl url) {
}
