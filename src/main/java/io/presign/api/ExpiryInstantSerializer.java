package io.presign.api;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an expiry in ISO-8601 ({@link Instant#toString()}, as Jackson writes an
 * {@link Instant} by default), keeping the text of the last one written: every URL of a
 * batch, and every part URL of a multipart upload, expires at the same instant, and
 * formatting it anew for each URL took an eighth of writing a batch's answer. The format
 * is the API's, whatever {@code spring.jackson} settings say of dates.
 */
final class ExpiryInstantSerializer extends StdSerializer<Instant> {

	// Read and replaced without a lock: a thread that misses another's text formats its
	// own.
	private static volatile Formatted last = new Formatted(Instant.EPOCH, Instant.EPOCH.toString());

	ExpiryInstantSerializer() {
		super(Instant.class);
	}

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
		Formatted formatted = last;
		if (!formatted.instant().equals(value)) {
			formatted = new Formatted(value, value.toString());
			last = formatted;
		}
		generator.writeString(formatted.text());
	}

	private record Formatted(Instant instant, String text) {
	}

}
