package io.presign.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A URL's {@code expiresAt} is written as a default {@code JsonMapper} writes any other
 * instant, whichever instant was written before it and on whichever thread.
 */
class ExpiryInstantSerializerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesEveryInstantAsJacksonDoes() {
		SplittableRandom random = new SplittableRandom(12);
		List<Instant> instants = new ArrayList<>(
				List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("2026-12-04T18:00:00Z"),
						Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999999999Z")));
		for (int i = 0; i < 3_000; i++) {
			long seconds = switch (i % 3) {
				case 0 -> 1_764_000_000L + random.nextLong(100_000_000L);
				case 1 -> random.nextLong(-400_000_000_000L, 400_000_000_000L);
				default -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
			};
			int nanos = switch (random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			instants.add(Instant.ofEpochSecond(seconds, nanos));
		}
		// Each instant twice in a row (the second from the kept text), then its
		// neighbours in the same second
		// and a second later, then itself again.
		for (Instant instant : instants) {
			assertThat(expiresAt(instant)).as("%s, first", instant).isEqualTo(written(instant));
			assertThat(expiresAt(instant)).as("%s, again", instant).isEqualTo(written(instant));
			for (Instant neighbour : neighbours(instant)) {
				assertThat(expiresAt(neighbour)).as("%s, after %s", neighbour, instant).isEqualTo(written(neighbour));
				assertThat(expiresAt(instant)).as("%s, after %s", instant, neighbour).isEqualTo(written(instant));
			}
		}
	}

	@Test
	void threadsWritingDifferentInstantsEachWriteTheirOwn() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				Instant own = Instant.parse("2026-12-04T18:00:00Z").plusSeconds(t).plusNanos(t);
				String expected = written(own);
				results.add(threads.submit(() -> {
					int written = 0;
					for (int i = 0; i < 20_000; i++) {
						assertThat(expiresAt(own)).isEqualTo(expected);
						written++;
					}
					return written;
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(20_000);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * A nanosecond and a millisecond later within the same second (wrapping round it),
	 * and a second later.
	 */
	private static List<Instant> neighbours(Instant instant) {
		List<Instant> neighbours = new ArrayList<>();
		long second = instant.getEpochSecond();
		neighbours.add(Instant.ofEpochSecond(second, (instant.getNano() + 1) % 1_000_000_000));
		neighbours.add(Instant.ofEpochSecond(second, (instant.getNano() + 1_000_000) % 1_000_000_000));
		if (second < Instant.MAX.getEpochSecond()) {
			neighbours.add(instant.plusSeconds(1));
		}
		return neighbours;
	}

	/** The {@code expiresAt} of a download's answer, as written. */
	private static String expiresAt(Instant instant) {
		PresignedUrlResponse answer = new PresignedUrlResponse("GET", "https://bucket.s3.amazonaws.com/k", Map.of(),
				"bucket", "k", instant, 300, null, null, null, null);
		return JSON.readTree(JSON.writeValueAsString(answer)).get("expiresAt").toString();
	}

	/** The instant as Jackson writes it by default. */
	private static String written(Instant instant) {
		return JSON.readTree(JSON.writeValueAsString(Map.of("instant", instant))).get("instant").toString();
	}

}
