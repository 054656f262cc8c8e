package io.presign.issuing.multipart;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

import io.presign.policy.ObjectStamp;
import io.presign.policy.Profile;

/**
 * The part of an object's stamp that depends on its caller (metadata and tags, resolved
 * from the caller's claims), written into a start ticket, since the redemption has no
 * caller to resolve them from; the rest (create-only, storage class) is the profile's. A
 * query string: {@code meta.NAME=VALUE&tag.KEY=VALUE}, each part URL-encoded.
 */
final class StampText {

	private static final String META = "meta.";

	private static final String TAG = "tag.";

	private StampText() {
	}

	static String write(ObjectStamp stamp) {
		StringBuilder text = new StringBuilder();
		stamp.metadata().forEach((name, value) -> append(text, META + name, value));
		stamp.tags().forEach((key, value) -> append(text, TAG + key, value));
		return text.toString();
	}

	/**
	 * @param text what {@link #write} wrote, from a ticket this service signed
	 * @param profile the profile now, for what does not depend on the caller
	 * @return the stamp
	 */
	static ObjectStamp read(String text, Profile profile) {
		SortedMap<String, String> metadata = new TreeMap<>();
		SortedMap<String, String> tags = new TreeMap<>();
		if (!text.isEmpty()) {
			for (String pair : text.split("&")) {
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
				String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				if (name.startsWith(META)) {
					metadata.put(name.substring(META.length()), value);
				}
				else {
					tags.put(name.substring(TAG.length()), value);
				}
			}
		}
		return new ObjectStamp(profile.objects().createOnly(), metadata, tags, profile.objects().storageClass(), null);
	}

	private static void append(StringBuilder text, String name, String value) {
		if (!text.isEmpty()) {
			text.append('&');
		}
		text.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

}
