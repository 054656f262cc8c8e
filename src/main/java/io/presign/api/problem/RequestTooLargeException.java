package io.presign.api.problem;

import java.io.IOException;

/**
 * A body read past the limit. An {@link IOException}, so that it travels through the
 * message converters and is found again in the cause chain of their failure.
 */
final class RequestTooLargeException extends IOException {

	private final long maxBytes;

	RequestTooLargeException(long maxBytes) {
		super("The request body exceeds " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	long maxBytes() {
		return this.maxBytes;
	}

}
