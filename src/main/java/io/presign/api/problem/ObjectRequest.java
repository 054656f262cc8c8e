package io.presign.api.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request body that names a profile and keys, so that refusals can be audited with the
 * objects the caller tried to reach and counted per profile.
 */
public interface ObjectRequest {

	String profile();

	/**
	 * The keys the body names, as sent (relative keys, full keys, prefixes), without the
	 * absent ones.
	 * @return those keys, in body order
	 */
	List<String> namedKeys();

	static List<String> named(@Nullable String... keys) {
		return Arrays.stream(keys).filter((key) -> key != null).toList();
	}

	static List<String> named(@Nullable List<@Nullable String> keys, @Nullable List<@Nullable String> fullKeys) {
		List<String> named = new ArrayList<>();
		if (keys != null) {
			keys.stream().filter((key) -> key != null).forEach(named::add);
		}
		if (fullKeys != null) {
			fullKeys.stream().filter((key) -> key != null).forEach(named::add);
		}
		return named;
	}

}
