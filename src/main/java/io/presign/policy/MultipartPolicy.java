package io.presign.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a caller may do with multipart uploads, and which of the parts S3 holds
 * make up a completed object: every rule of multipart uploads in one place, for the JSON
 * API and for upload widgets alike.
 */
public final class MultipartPolicy {

	private static final int MAX_UPLOAD_ID_LENGTH = 1024;

	private static final String WHOLE_OBJECT_CRCS_ONLY = "S3 keeps a checksum of a whole object uploaded in parts "
			+ "for CRC32, CRC32C and CRC64NVME only";

	private final PresignPolicy policy;

	private final ProfileCatalog catalog;

	private final int maxBatchSize;

	/**
	 * @param policy the policy that resolves profiles and keys for every operation
	 * @param catalog the configured profiles
	 * @param maxBatchSize the most part numbers per request
	 */
	public MultipartPolicy(PresignPolicy policy, ProfileCatalog catalog, int maxBatchSize) {
		this.policy = policy;
		this.catalog = catalog;
		this.maxBatchSize = maxBatchSize;
	}

	/**
	 * Authorize starting a multipart upload, and plan its parts from the declared size.
	 * @param intent what the caller asks for; the declared total size is required, since
	 * every part URL signs its planned length
	 * @return the plan
	 */
	public MultipartPlan authorizeStart(Caller caller, MultipartStartIntent intent) {
		Profile profile = multipartProfile(caller, intent.profile());
		String objectKey = PresignPolicy.uploadKey(caller, profile, intent.key(), intent.fullKey());
		String type = profile.contentTypes().check(intent.contentType());
		ChecksumAlgorithm checksum = checksumInParts(profile, intent.checksumAlgorithm());
		MultipartPlan plan = plan(profile, objectKey, type, intent.contentLength());
		return new MultipartPlan(profile, objectKey, type, plan.contentLength(), plan.partSize(), plan.partCount(),
				profile.objects().stampInParts(caller), checksum);
	}

	/**
	 * The checksum an upload in parts carries: a CRC, which S3 checks on each part's body
	 * and combines into the whole object's ({@code FULL_OBJECT}), so that a client can
	 * compare it with its file's. S3 keeps no such checksum for a SHA (only one of the
	 * parts' checksums), so a profile that requires a SHA has no uploads in parts.
	 * @param name the algorithm the caller gives, at the start and again with each batch
	 * of parts
	 * @return the algorithm; none for an upload without a checksum
	 */
	private static @Nullable ChecksumAlgorithm checksumInParts(Profile profile, @Nullable String name) {
		ChecksumAlgorithm required = requiredInParts(profile);
		ChecksumAlgorithm algorithm = Checksums.algorithm(name, "checksumAlgorithm");
		if (algorithm != null && !algorithm.wholeObjectInParts()) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksumAlgorithm", WHOLE_OBJECT_CRCS_ONLY);
		}
		if (required != null && algorithm != required) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksumAlgorithm",
					"The profile requires a " + required + " checksum: give checksumAlgorithm " + required);
		}
		return algorithm;
	}

	/**
	 * @return the checksum the profile requires of uploads in parts; none for none
	 * @throws PolicyViolation 403 {@code multipart-not-allowed} where it requires a SHA
	 */
	private static @Nullable ChecksumAlgorithm requiredInParts(Profile profile) {
		ChecksumAlgorithm required = profile.objects().requiredChecksum();
		if (required != null && !required.wholeObjectInParts()) {
			throw new PolicyViolation(Rule.MULTIPART_NOT_ALLOWED, "profile",
					"The profile '" + profile.name() + "' requires a " + required
							+ " checksum, which S3 keeps for no object uploaded in parts (it does for CRC32, CRC32C "
							+ "and CRC64NVME)");
		}
		return required;
	}

	/**
	 * What an object an upload widget uploads in parts must carry.
	 */
	private static ObjectStamp widgetStamp(Caller caller, Profile profile) {
		refuseWidgetsWhereChecksumsAreRequired(profile);
		return profile.objects().stampInParts(caller);
	}

	private static MultipartPlan plan(Profile profile, String key, @Nullable String contentType,
			@Nullable Long contentLength) {
		long length = profile.checkContentLength(contentLength);
		long partSize = profile.multipart().partSizeFor(length);
		int partCount = (int) ((length + partSize - 1) / partSize);
		return new MultipartPlan(profile, key, contentType, length, partSize, partCount, ObjectStamp.NONE, null);
	}

	/**
	 * Authorize acting on an existing multipart upload (listing, completing, aborting):
	 * the caller must be allowed to write its key, named below the caller's prefix or in
	 * full, as every other key is.
	 * @param profileName the profile
	 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
	 * given
	 * @param fullKey the upload's full key, as the start answered it; none when
	 * {@code key} is given
	 * @param uploadId the upload, as S3 named it
	 * @return the profile and the upload's full key
	 * @throws PolicyViolation as for a start; 403 {@code multipart-not-allowed} on a
	 * profile that requires a SHA checksum, which has no uploads in parts; 400
	 * {@code request-invalid} for an upload id no S3 upload has
	 */
	public UploadAccess authorizeAccess(Caller caller, String profileName, @Nullable String key,
			@Nullable String fullKey, @Nullable String uploadId) {
		Profile profile = multipartProfile(caller, profileName);
		requiredInParts(profile);
		String fullKeyOf = uploadKey(caller, profile, key, fullKey);
		checkUploadId(uploadId);
		return new UploadAccess(profile, fullKeyOf);
	}

	/**
	 * @param marker where a page of S3's parts listing starts: after this part number
	 * @return the marker
	 * @throws PolicyViolation 400 {@code request-invalid} for one outside 0 to 10,000
	 */
	public static @Nullable Integer checkPartNumberMarker(@Nullable Integer marker) {
		if (marker != null && (marker < 0 || marker > MultipartSettings.S3_MAX_PARTS)) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "partNumberMarker",
					"The part number marker must be from 0 to " + MultipartSettings.S3_MAX_PARTS);
		}
		return marker;
	}

	/**
	 * The full key of an existing upload: the one named in full, or the one named below
	 * the caller's prefix.
	 */
	private static String uploadKey(Caller caller, Profile profile, @Nullable String key, @Nullable String fullKey) {
		if (key != null && fullKey != null) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "fullKey", "Give either key or fullKey, not both");
		}
		if (fullKey != null) {
			return profile.checkFullKey(caller, fullKey);
		}
		if (key == null) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "key",
					"Name the upload: key (below the caller's prefix) or fullKey (as the start answered it)");
		}
		return profile.keyFor(caller, key);
	}

	/**
	 * An upload an upload widget acts on: its calls name the full key S3 gave it.
	 */
	private Profile widgetAccess(Caller caller, String profileName, String fullKey) {
		Profile profile = multipartProfile(caller, profileName);
		refuseWidgetsWhereChecksumsAreRequired(profile);
		profile.checkFullKey(caller, fullKey, "key");
		return profile;
	}

	/**
	 * An upload widget signs its parts one by one, without their checksums, so a profile
	 * that requires one has no widget uploads in parts: not their start, nor a part, a
	 * listing, an abort or a completion of an upload the JSON API started.
	 */
	private static void refuseWidgetsWhereChecksumsAreRequired(Profile profile) {
		if (profile.objects().requiredChecksum() != null) {
			throw new PolicyViolation(Rule.MULTIPART_NOT_ALLOWED, "profile",
					"The profile '" + profile.name() + "' requires a checksum of each part, which an upload "
							+ "widget's parts do not carry: upload in parts through POST /v1/multipart-uploads");
		}
	}

	/**
	 * An existing multipart upload a caller may act on.
	 *
	 * @param profile the profile, which allows multipart uploads
	 * @param key the upload's full key, within the caller's prefix
	 */
	public record UploadAccess(Profile profile, String key) {
	}

	/**
	 * Authorize presigning some parts of a multipart upload. Each part's URL signs the
	 * part's planned length, so S3 refuses a part bigger than the declared size allows,
	 * and a part can never be swapped for a larger body after the service has counted it.
	 * @param intent what the caller asks for: parts each within the plan of the declared
	 * size, at most the batch maximum
	 * @return one grant per part
	 */
	public List<UploadPartGrant> authorizeParts(Caller caller, UploadPartsIntent intent) {
		List<@Nullable Integer> partNumbers = intent.partNumbers();
		UploadAccess access = authorizeAccess(caller, intent.profile(), intent.key(), intent.fullKey(),
				intent.uploadId());
		Profile profile = access.profile();
		String fullKey = access.key();
		MultipartPlan plan = plan(profile, fullKey, null, intent.contentLength());
		int last = plan.partCount();
		if (partNumbers == null || partNumbers.isEmpty() || partNumbers.size() > this.maxBatchSize
				|| partNumbers.stream().anyMatch((n) -> n == null || n < 1 || n > last)
				|| partNumbers.stream().distinct().count() != partNumbers.size()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "partNumbers",
					"Give 1 to " + this.maxBatchSize + " distinct part numbers, each from 1 to " + last
							+ " (the parts a " + plan.contentLength() + "-byte upload is cut into)",
					Map.of("partCount", last, "partSize", plan.partSize()));
		}
		ChecksumAlgorithm algorithm = checksumInParts(profile, intent.checksumAlgorithm());
		List<@Nullable String> checksums = intent.checksums();
		if (algorithm == null && checksums != null) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksumAlgorithm",
					"Name the parts' checksum algorithm, as at the start");
		}
		if (algorithm != null && (checksums == null || checksums.size() != partNumbers.size())) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksums",
					"Give each part's " + algorithm + " checksum, in the order of partNumbers");
		}
		Expiry expiry = profile.expiry().resolve(intent.expiresInSeconds());
		List<UploadPartGrant> grants = new ArrayList<>(partNumbers.size());
		for (int i = 0; i < partNumbers.size(); i++) {
			Integer n = partNumbers.get(i);
			Checksum checksum = (algorithm != null && checksums != null)
					? new Checksum(algorithm, Checksums.value(algorithm, checksums.get(i), "checksums[" + i + "]"))
					: null;
			grants.add(new UploadPartGrant(profile, plan.key(), intent.uploadId(), n, plan.partLength(n), expiry,
					checksum));
		}
		return grants;
	}

	/**
	 * Authorize starting a multipart upload of undeclared size under a key the service
	 * names below the caller's prefix.
	 * @param fileName the client's file name, whose plain extension the key keeps
	 * @return the upload to start, without its id
	 */
	public UnsizedUploadGrant authorizeUnsizedStart(Caller caller, String profileName, @Nullable String fileName) {
		Profile profile = multipartProfile(caller, profileName);
		return new UnsizedUploadGrant(profile, profile.generatedKeyFor(caller, fileName), null,
				profile.expiry().resolve(null), widgetStamp(caller, profile));
	}

	/**
	 * Authorize completing an upload of undeclared size: the caller must be allowed to
	 * write its key; the total size is checked against what S3 holds when it is
	 * completed.
	 * @return the upload
	 */
	public UnsizedUploadGrant authorizeUnsizedCompletion(Caller caller, String profileName, String key,
			@Nullable String uploadId) {
		Profile profile = widgetAccess(caller, profileName, key);
		return new UnsizedUploadGrant(profile, key, checkUploadId(uploadId), profile.expiry().resolve(null),
				ObjectStamp.NONE);
	}

	/**
	 * Authorize one part of an upload of undeclared size: its URL signs no length.
	 * @return the part to sign
	 */
	public UploadPartGrant authorizeUnsizedPart(Caller caller, String profileName, String key,
			@Nullable String uploadId, @Nullable Integer partNumber) {
		Profile profile = widgetAccess(caller, profileName, key);
		// Parts are at least 5 MB but for the last: a file within the limit needs no more
		// than this many, and
		// fewer parts bound what can pile up in S3 before completion checks the total.
		long most = Math.min(MultipartSettings.S3_MAX_PARTS, Math.max(1,
				(profile.maxContentLength() + MultipartSettings.S3_MIN_PART - 1) / MultipartSettings.S3_MIN_PART));
		if (partNumber == null || partNumber < 1 || partNumber > most) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "partNumber", "The part number must be from 1 to "
					+ most + " (parts of at least 5 MB within the profile's " + profile.maxContentLength() + " bytes)");
		}
		return new UploadPartGrant(profile, key, checkUploadId(uploadId), partNumber, null,
				profile.expiry().resolve(null));
	}

	/**
	 * Authorize listing the parts of, or aborting, a multipart upload from the caller's
	 * own client.
	 * @return the call to sign
	 */
	public MultipartCallGrant authorizeCall(Caller caller, String profileName, String key, @Nullable String uploadId,
			MultipartCallGrant.Call call) {
		Profile profile = widgetAccess(caller, profileName, key);
		return new MultipartCallGrant(profile, key, checkUploadId(uploadId), call, profile.expiry().resolve(null));
	}

	/**
	 * The profile of a step an upload ticket allows, checked again when the ticket is
	 * redeemed: the caller was authorized when the ticket was issued, and the profile
	 * must still allow multipart uploads.
	 * @param bucket the profile's bucket when the ticket was issued
	 * @param key the upload's key
	 * @param contentType the Content-Type to start the upload with; none when completing
	 * @return the profile
	 * @throws PolicyViolation if the profile is gone, allows no multipart uploads, or not
	 * the content type
	 */
	public Profile ticketedProfile(String profileName, String bucket, String key, @Nullable String contentType,
			boolean starting) {
		Profile profile = this.catalog.require(profileName);
		if (!profile.operations().contains(Operation.UPLOAD) || !profile.bucket().equals(bucket)
				|| !key.startsWith(profile.keyPrefix().constantPrefix())) {
			// The profile changed since the ticket was issued: what it allowed then, it
			// no longer does.
			throw new PolicyViolation(Rule.TICKET_INVALID, "ticket",
					"The profile '" + profile.name() + "' no longer allows what the ticket was issued for");
		}
		if (!profile.multipart().enabled()) {
			throw notAllowed(profile);
		}
		if (starting) {
			profile.contentTypes().check(contentType);
		}
		return profile;
	}

	/**
	 * Check the parts to complete an upload with before S3 is asked for its own list: a
	 * client must name some.
	 * @param named the parts the client names; none for every part S3 holds
	 * @throws PolicyViolation 400 {@code part-numbers-invalid} for an empty or repeated
	 * list
	 */
	public static void checkNamedParts(@Nullable List<PartRef> named) {
		if (named == null) {
			return;
		}
		if (named.isEmpty()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "Name the parts to assemble");
		}
		Set<Integer> numbers = new HashSet<>();
		for (PartRef part : named) {
			if (!numbers.add(part.partNumber())) {
				throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts",
						"Part " + part.partNumber() + " is named twice");
			}
		}
	}

	/**
	 * Check the whole object's checksum a client gives to complete an upload with, before
	 * S3 is asked for the parts.
	 * @param algorithm the checksum's algorithm
	 * @param value the checksum, base64
	 * @return the checksum; none when the client gives none
	 * @throws PolicyViolation 400 {@code checksum-invalid} for an unknown algorithm, one
	 * S3 cannot keep for an object uploaded in parts, or a malformed value
	 */
	public static @Nullable Checksum wholeObjectChecksum(@Nullable String algorithm, @Nullable String value) {
		Checksum checksum = Checksums.additional(algorithm, value);
		if (checksum != null && !checksum.algorithm().wholeObjectInParts()) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum.algorithm", WHOLE_OBJECT_CRCS_ONLY);
		}
		return checksum;
	}

	/**
	 * How an upload is completed, from what S3 holds: the client's own account of its
	 * parts cannot be trusted. Assembled with the ETags S3 listed, never the client's, so
	 * that a part replaced after the listing no longer matches and S3 refuses the
	 * completion instead of assembling unchecked bytes; together within the profile's
	 * maximum size, since parts may have been signed without a length; and, with a
	 * checksum of the whole object, from parts S3 checked against theirs, which it then
	 * combines and compares with the client's before it creates the object.
	 * @param held every part S3 holds for the upload
	 * @param named the parts the client names (in the order to assemble); none for every
	 * part S3 holds, in order
	 * @param wholeObject the whole object's checksum, as the client gives it (see
	 * {@link #wholeObjectChecksum}); none for none
	 * @return the completion
	 * @throws PolicyViolation 400 {@code part-numbers-invalid} when there is no part,
	 * {@code part-not-uploaded} for a named part S3 does not hold as named,
	 * {@code content-length-too-large} for a total over the profile's maximum,
	 * {@code checksum-invalid} without the checksum the profile requires or with parts
	 * uploaded without theirs
	 */
	public static MultipartCompletion completion(Profile profile, List<UploadedPart> held,
			@Nullable List<PartRef> named, @Nullable Checksum wholeObject) {
		ChecksumAlgorithm required = requiredInParts(profile);
		List<UploadedPart> parts = partsToComplete(profile, held, named);
		if (required != null && (wholeObject == null || wholeObject.algorithm() != required)) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum",
					"The profile requires the whole object's " + required + " checksum");
		}
		if (wholeObject == null) {
			// Completed as before checksums: whatever S3 lists for a part (S3 may list a
			// default CRC64NVME of a part that carried none) is not sent back.
			return new MultipartCompletion(parts.stream().map((part) -> part.withChecksum(null)).toList(), null);
		}
		Map<Integer, String> namedChecksums = new HashMap<>();
		if (named != null) {
			for (PartRef part : named) {
				String checksum = part.checksum();
				if (checksum != null) {
					namedChecksums.put(part.partNumber(), checksum);
				}
			}
		}
		List<UploadedPart> checked = new ArrayList<>(parts.size());
		for (UploadedPart part : parts) {
			checked.add(withChecksum(part, wholeObject.algorithm(), namedChecksums.get(part.partNumber())));
		}
		return new MultipartCompletion(checked, wholeObject);
	}

	/**
	 * A part with the checksum S3 checked it against: as S3 lists it (AWS does), or as
	 * the client names it where the store's listing leaves it out. Either way S3 compares
	 * it with the one it computed from the part's bytes before it completes the upload.
	 * @param named the checksum the client names for the part, if any
	 * @throws PolicyViolation 400 {@code checksum-invalid} for a part without a checksum
	 * of the whole object's algorithm, or a malformed one named
	 */
	private static UploadedPart withChecksum(UploadedPart part, ChecksumAlgorithm algorithm, @Nullable String named) {
		Checksum listed = part.checksum();
		if (listed != null && listed.algorithm() == algorithm) {
			return part;
		}
		if (listed == null && named != null) {
			return part.withChecksum(new Checksum(algorithm, Checksums.value(algorithm, named, "parts.checksum")));
		}
		throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum", "Part " + part.partNumber() + " has no "
				+ algorithm + " checksum, which S3 needs to check the whole object's: start the upload with "
				+ "checksumAlgorithm " + algorithm + ", sign each part with its checksum, and name it with the part");
	}

	private static List<UploadedPart> partsToComplete(Profile profile, List<UploadedPart> held,
			@Nullable List<PartRef> named) {
		checkNamedParts(named);
		List<UploadedPart> chosen;
		if (named == null) {
			if (held.isEmpty()) {
				throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "S3 holds no part of this upload");
			}
			chosen = held.stream().sorted(Comparator.comparingInt(UploadedPart::partNumber)).toList();
		}
		else {
			Map<Integer, UploadedPart> byNumber = new HashMap<>();
			held.forEach((part) -> byNumber.put(part.partNumber(), part));
			chosen = new ArrayList<>(named.size());
			for (PartRef part : named) {
				UploadedPart listed = byNumber.get(part.partNumber());
				if (listed == null || !sameEtag(listed.etag(), part.etag())) {
					throw new PolicyViolation(Rule.PART_NOT_UPLOADED, "parts", "Part " + part.partNumber()
							+ " is not among the parts S3 holds for this upload, or its ETag differs");
				}
				chosen.add(listed);
			}
		}
		long total = chosen.stream().mapToLong(UploadedPart::size).sum();
		if (total > profile.maxContentLength()) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_TOO_LARGE, "parts",
					"The parts add up to " + total + " bytes, over the profile's " + profile.maxContentLength(),
					Map.of("maxContentLength", profile.maxContentLength()));
		}
		return chosen;
	}

	/**
	 * ETags compared without the quotes HTTP puts around them, which clients keep or
	 * strip as they like.
	 */
	static boolean sameEtag(@Nullable String listed, @Nullable String named) {
		return listed != null && named != null && unquoted(listed).equals(unquoted(named));
	}

	private static String unquoted(String etag) {
		String trimmed = etag.strip();
		return (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

	private static String checkUploadId(@Nullable String uploadId) {
		if (uploadId == null || uploadId.isEmpty() || uploadId.length() > MAX_UPLOAD_ID_LENGTH
				|| TextRules.hasUnsafeCharacters(uploadId)) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, "uploadId",
					"The upload id must hold 1 to " + MAX_UPLOAD_ID_LENGTH + " characters and no control characters");
		}
		return uploadId;
	}

	private Profile multipartProfile(Caller caller, String profileName) {
		Profile profile = this.policy.profileFor(caller, profileName, Operation.UPLOAD);
		if (!profile.multipart().enabled()) {
			throw notAllowed(profile);
		}
		return profile;
	}

	private static PolicyViolation notAllowed(Profile profile) {
		return new PolicyViolation(Rule.MULTIPART_NOT_ALLOWED, "profile",
				"The profile '" + profile.name() + "' does not allow multipart uploads");
	}

}
