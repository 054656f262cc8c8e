package io.presign.signing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SigningBenchmark} with JMH's allocation profiler and prints one table: time
 * and allocation per operation and per URL, and each row's ratio to the cryptographic
 * floor, all from the same run. Takes JMH's own command-line options
 * ({@code -Dbenchmark.args="-f 1 -i 3"}).
 */
public final class BenchmarkReport {

	private BenchmarkReport() {
	}

	public static void main(String[] args) throws Exception {
		CommandLineOptions given = new CommandLineOptions(args);
		OptionsBuilder options = new OptionsBuilder();
		options.parent(given).addProfiler(GCProfiler.class);
		if (given.getIncludes().isEmpty()) {
			options.include(SigningBenchmark.class.getName());
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		double floor = score(results, SigningBenchmark.FLOOR);
		System.out.println();
		System.out.println("| benchmark | µs/op | ± (99.9%) | B/op | URLs/op | µs/URL | B/URL | × floor (per URL) "
				+ "| × its own floor |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		results.stream().sorted(Comparator.comparing(BenchmarkReport::name)).forEach((result) -> {
			Result<?> time = result.getPrimaryResult();
			Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
			int urls = SigningBenchmark.URLS_PER_OPERATION.getOrDefault(name(result), 1);
			double bytes = (allocated != null) ? allocated.getScore() : Double.NaN;
			String ownFloor = SigningBenchmark.OWN_FLOOR.get(name(result));
			String own = (ownFloor != null)
					? String.format(Locale.ROOT, "%.1f", time.getScore() / urls / score(results, ownFloor)) : "";
			// Blank where the run did not include the floor (a benchmark named on the
			// command line alone).
			String timesFloor = Double.isNaN(floor) ? ""
					: String.format(Locale.ROOT, "%.1f", time.getScore() / urls / floor);
			System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %,.0f | %d | %.2f | %,.0f | %s | %s |",
					name(result), time.getScore(), time.getScoreError(), bytes, urls, time.getScore() / urls,
					bytes / urls, timesFloor, own));
		});
	}

	private static double score(Collection<RunResult> results, String benchmark) {
		return results.stream()
			.filter((result) -> name(result).equals(benchmark))
			.mapToDouble((result) -> result.getPrimaryResult().getScore())
			.findFirst()
			.orElse(Double.NaN);
	}

	/**
	 * The benchmark's method, and its parameters where it has any: one row for each of
	 * their values.
	 */
	private static String name(RunResult result) {
		BenchmarkParams params = result.getParams();
		String label = params.getBenchmark();
		String method = label.substring(label.lastIndexOf('.') + 1);
		if (params.getParamsKeys().isEmpty()) {
			return method;
		}
		return method + params.getParamsKeys()
			.stream()
			.map((key) -> key + "=" + params.getParam(key))
			.collect(Collectors.joining(", ", " (", ")"));
	}

}
