package io.presign.policy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a profile requires of every object uploaded through it, enforced by S3 through
 * what is signed, so that a client can drop none of it: create-only uploads
 * ({@code overwrite: deny}), user metadata and tags from templates such as
 * {@code "{principal}"}, the metadata a caller may add itself, a storage class, and a
 * required checksum.
 *
 * @param createOnly whether uploads may only create objects ({@code If-None-Match: *})
 * @param metadata user metadata stamped on every object, by lower-case name
 * @param tags object tags stamped on every object
 * @param clientMetadata the metadata names a caller may set itself, never one stamped
 * @param storageClass the storage class of every object, or none for the bucket's default
 * @param requiredChecksum the checksum every upload must carry, or none: of the body of a
 * single request, or of each part and of the whole object of an upload in parts
 */
public record ObjectRules(boolean createOnly, Map<String, KeyTemplate> metadata, Map<String, KeyTemplate> tags,
		Set<String> clientMetadata, @Nullable String storageClass, @Nullable ChecksumAlgorithm requiredChecksum) {

	/** Nothing required: today's uploads. */
	public static final ObjectRules NONE = new ObjectRules(false, Map.of(), Map.of(), Set.of(), null, null);

	/** S3's limit on user metadata: names and values, in UTF-8 bytes. */
	public static final int MAX_METADATA_BYTES = 2048;

	/** S3's limit on an object's tags. */
	public static final int MAX_TAGS = 10;

	/** The longest value a caller may give a metadata name of its own. */
	public static final int MAX_CLIENT_METADATA_VALUE = 256;

	private static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	/** Printable ASCII without leading or trailing blanks: headers carry it unchanged. */
	private static final Pattern METADATA_VALUE = Pattern.compile("[!-~]([ -~]{0,1022}[!-~])?");

	/** The characters S3 allows in tags, ASCII only. */
	private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{1,128}");

	private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{0,256}");

	private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Z_]{2,32}");

	public ObjectRules {
		metadata = Map.copyOf(metadata);
		tags = Map.copyOf(tags);
		clientMetadata = Set.copyOf(clientMetadata);
		metadata.forEach((name, template) -> {
			if (!METADATA_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("metadata name '" + name + "' must match " + METADATA_NAME);
			}
			if (!template.toString().matches("[ -~]*")) {
				throw new IllegalArgumentException("metadata '" + name + "' must be printable ASCII");
			}
		});
		for (String name : clientMetadata) {
			if (!METADATA_NAME.matcher(name).matches() || metadata.containsKey(name)) {
				throw new IllegalArgumentException("client-metadata name '" + name + "' must match " + METADATA_NAME
						+ " and not be stamped by the profile's metadata");
			}
		}
		if (tags.size() > MAX_TAGS) {
			throw new IllegalArgumentException("S3 keeps at most " + MAX_TAGS + " tags on an object");
		}
		tags.forEach((key, template) -> {
			if (!TAG_KEY.matcher(key).matches()
					|| !TAG_VALUE.matcher(template.toString().replaceAll("\\{[^}]*}", "")).matches()) {
				throw new IllegalArgumentException("tag '" + key + "' and its value must match " + TAG_VALUE);
			}
		});
		if (storageClass != null && !STORAGE_CLASS.matcher(storageClass).matches()) {
			throw new IllegalArgumentException("storage class '" + storageClass + "' is no S3 storage class name");
		}
	}

	/**
	 * What one upload's object must carry, resolved for its caller.
	 * @param client the metadata the caller asks for itself, if any
	 * @param checksum the checksum the caller gives, if any
	 * @return the stamp to sign
	 * @throws PolicyViolation 403 {@code key-prefix-unresolvable} for a template the
	 * caller cannot fill; 400 {@code request-invalid} for metadata the profile does not
	 * allow or over S3's size; 400 {@code checksum-invalid} without the required checksum
	 */
	public ObjectStamp stamp(Caller caller, @Nullable Map<String, String> client, @Nullable Checksum checksum) {
		if (this.requiredChecksum != null && (checksum == null || checksum.algorithm() != this.requiredChecksum)) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum",
					"The profile requires a " + this.requiredChecksum + " checksum of the body");
		}
		return stamp(caller, client).withChecksum(checksum);
	}

	/**
	 * What an object uploaded in parts must carry, resolved for its caller, set when the
	 * upload starts. Its checksum, if any, is not part of it: each part's is signed into
	 * the part's URL, and the whole object's is sent when the service completes it.
	 * @return the stamp to start the upload with
	 * @throws PolicyViolation as {@link #stamp(Caller, Map, Checksum)} does, but for the
	 * checksum
	 */
	public ObjectStamp stampInParts(Caller caller) {
		return stamp(caller, null);
	}

	private ObjectStamp stamp(Caller caller, @Nullable Map<String, String> client) {
		SortedMap<String, String> stamped = new TreeMap<>();
		this.metadata.forEach((name, template) -> stamped.put(name,
				template.expandValue(caller, ObjectRules::isMetadataValue, "metadata '" + name + "'")));
		if (client != null) {
			client.forEach((name, value) -> {
				if (!this.clientMetadata.contains(name)) {
					throw new PolicyViolation(Rule.REQUEST_INVALID, "metadata", "The profile takes no metadata '" + name
							+ "' from callers; it takes " + new TreeSet<>(this.clientMetadata));
				}
				if (value == null || value.length() > MAX_CLIENT_METADATA_VALUE || !isMetadataValue(value)) {
					throw new PolicyViolation(Rule.REQUEST_INVALID, "metadata", "The metadata '" + name
							+ "' must be printable ASCII of at most " + MAX_CLIENT_METADATA_VALUE + " characters");
				}
				stamped.put(name, value);
			});
		}
		int bytes = stamped.entrySet()
			.stream()
			.mapToInt((entry) -> (entry.getKey() + entry.getValue()).getBytes(StandardCharsets.UTF_8).length)
			.sum();
		if (bytes > MAX_METADATA_BYTES) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "metadata",
					"The object's metadata would take " + bytes + " bytes, over S3's " + MAX_METADATA_BYTES);
		}
		SortedMap<String, String> tagged = new TreeMap<>();
		this.tags.forEach((key, template) -> tagged.put(key,
				template.expandValue(caller, (value) -> TAG_VALUE.matcher(value).matches(), "tag '" + key + "'")));
		return new ObjectStamp(this.createOnly, stamped, tagged, this.storageClass, null);
	}

	private static boolean isMetadataValue(String value) {
		return METADATA_VALUE.matcher(value).matches();
	}

}
