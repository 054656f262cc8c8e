package io.presign.issuing.multipart;

import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * S3 answered in a way that cannot be right (a listing that never ends): 502, and the
 * call is given up instead of repeated forever.
 */
final class StorageMisbehavingException extends RefusedException {

	StorageMisbehavingException(String message) {
		super(Rule.STORAGE_MISBEHAVING, null, message, Map.of(), null, null);
	}

}
