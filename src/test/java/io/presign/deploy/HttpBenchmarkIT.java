package io.presign.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.presign.support.TestHost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Keeps the HTTP benchmarks ({@code bench/http.sh} and {@code bench/cpu-ratio.sh}, which
 * README and docs/performance.md give as commands, and {@code bench/cpu-profile.sh},
 * which docs/performance.md gives) working: runs each, after a few seconds of warm-up,
 * for two seconds per run on the packaged jar and checks every row of its tables was
 * measured: requests answered, none with an error. A cold JVM's first second once
 * answered no request at all, so no run is shorter. Their numbers mean nothing at that
 * length and are not checked. Skipped where wrk is missing; in CI, which installs it,
 * failed. The profile also needs perf, which CI does not install: skipped without it.
 */
class HttpBenchmarkIT {

	private static final Path WRK = Path.of("/usr/bin/wrk");

	private static final Path CURL = Path.of("/usr/bin/curl");

	private static final Pattern ROW = Pattern
		.compile("^\\| POST (/v1/\\S+)[^|]*\\| (api-key|jwt) \\| (\\d+) \\|.*\\| (\\d+) of (\\d+) \\|.*$");

	/**
	 * A row of the throughput table: its URLs/s, the trivial endpoint's req/s just before
	 * and after, the ratio.
	 */
	private static final Pattern RATIO = Pattern.compile(
			"^\\| POST [^|]+\\| (?:api-key|jwt) \\| \\d+ \\| (\\d+) \\|.*\\| (\\d+) \\| (\\d+) \\| ([\\d.]+) \\|$");

	private static final Pattern PART = Pattern.compile("^\\| ( *[^|]*?) \\| ([\\d.]+) \\| ([\\d.]+)% \\|$");

	private static final Path PERF = Path.of("/usr/bin/perf");

	private static final Pattern PAIR = Pattern.compile(
			"^\\| (\\d+|median) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\|$");

	@Test
	void measuresEveryEndpointWithBothAuthentications() throws Exception {
		String printed = run("bench/http.sh", "http-benchmark-it.log", Map.of("WARMUP", "5"), "2");
		List<Matcher> rows = printed.lines().map(ROW::matcher).filter(Matcher::matches).toList();
		assertThat(rows).as(printed).hasSize(6 + 2);
		for (Matcher row : rows) {
			assertThat(Long.parseLong(row.group(5)))
				.as("requests answered in a 2 s run after warm-up (a run that answers none measured nothing): %s%n%s",
						row.group(), printed)
				.isPositive();
			assertThat(row.group(4)).as("errors of %s requests: %s", row.group(5), row.group()).isEqualTo("0");
		}
		List<Matcher> ratios = printed.lines().map(RATIO::matcher).filter(Matcher::matches).toList();
		assertThat(ratios).as(printed).hasSize(6);
		for (Matcher row : ratios) {
			double before = number(row, 2);
			double after = number(row, 3);
			assertThat(before).as(row.group()).isPositive();
			assertThat(after).as(row.group()).isPositive();
			assertThat(number(row, 4)).as(row.group())
				.isCloseTo(number(row, 1) / ((before + after) / 2), within(0.0051));
		}
		assertThat(printed).contains("time to ready").containsPattern("RSS after the runs: \\d+ MiB");
	}

	@ParameterizedTest
	@CsvSource({ "downloads, api-key", "uploads, jwt" })
	void measuresTheCpuOfEachPairOfRuns(String endpoint, String authentication) throws Exception {
		String printed = run("bench/cpu-ratio.sh", "cpu-ratio-" + endpoint + "-it.log",
				Map.of("WARMUP", "10", "PAIRS", "2", "RUN", "2", "ENDPOINT", endpoint, "AUTH", authentication));
		assertThat(printed).as("the script measures a run only if it answered requests").doesNotContain("completed in");
		assertThat(printed).contains("| " + endpoint + " req/s |");
		List<Matcher> rows = printed.lines().map(PAIR::matcher).filter(Matcher::matches).toList();
		assertThat(rows).as(printed).hasSize(2 + 1);
		assertThat(rows.get(2).group(1)).isEqualTo("median");
		for (Matcher row : rows) {
			for (int column = 2; column <= 5; column++) {
				assertThat(number(row, column)).as("req/s and CPU µs per request of requests answered: %s", row.group())
					.isPositive();
			}
		}
		// The ratios, printed to two places.
		for (Matcher pair : rows.subList(0, 2)) {
			assertThat(number(pair, 6)).as(pair.group()).isCloseTo(number(pair, 5) / number(pair, 3), within(0.0051));
			assertThat(number(pair, 7)).as(pair.group()).isCloseTo(number(pair, 4) / number(pair, 2), within(0.0051));
		}
		for (int column = 6; column <= 7; column++) {
			double first = number(rows.get(0), column);
			double second = number(rows.get(1), column);
			assertThat(number(rows.get(2), column)).as(printed)
				.isBetween(Math.min(first, second) - 0.0051, Math.max(first, second) + 0.0051);
		}
	}

	private static double number(Matcher row, int column) {
		return Double.parseDouble(row.group(column));
	}

	@Test
	void attributesTheCpuOfADownloadToItsParts() throws Exception {
		Assumptions.assumeTrue(perfSamples(), "perf is missing or may not sample processes here (Debian package "
				+ "linux-perf; kernel.perf_event_paranoid, or a container that forbids perf_event_open)");
		String printed = run("bench/cpu-profile.sh", "cpu-profile-it.log", Map.of("WARMUP", "15", "RUN", "2"));
		List<Matcher> parts = printed.lines().map(PART::matcher).filter(Matcher::matches).toList();
		assertThat(parts).as(printed).hasSize(12);
		assertThat(parts.get(0).group(1)).isEqualTo("all");
		assertThat(Double.parseDouble(parts.get(0).group(2))).as(printed).isPositive();
		assertThat(parts.get(0).group(3)).isEqualTo("100.0");
		assertThat(Double.parseDouble(parts.get(1).group(2))).as("request threads: " + printed).isPositive();
	}

	/** Whether perf is installed and may sample a process of this user here. */
	private static boolean perfSamples() throws Exception {
		if (!Files.isExecutable(PERF)) {
			return false;
		}
		Path data = Files.createTempFile(Path.of("target"), "perf-check", ".data");
		try {
			Process check = new ProcessBuilder(PERF.toString(), "record", "-q", "-o", data.toString(), "--", "true")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!check.waitFor(30, TimeUnit.SECONDS)) {
				check.destroyForcibly().waitFor();
				return false;
			}
			return check.exitValue() == 0;
		}
		finally {
			Files.deleteIfExists(data);
		}
	}

	/**
	 * Runs a benchmark script on the packaged jar, on free ports, and answers what it
	 * printed once it succeeded.
	 */
	private static String run(String script, String logName, Map<String, String> settings, String... arguments)
			throws Exception {
		TestHost.requireExecutable(WRK, "the HTTP benchmark", "apt-get install wrk; .ci/run does");
		TestHost.requireExecutable(CURL, "the HTTP benchmark", "apt-get install curl; .ci/run does");
		Path jar = Path.of(System.getProperty("packaged.jar", "target/presign-service.jar"));
		Path output = Path.of("target", logName);
		List<String> command = new ArrayList<>(List.of("bash", script));
		command.addAll(List.of(arguments));
		command.add(jar.toString());
		ProcessBuilder benchmark = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile());
		Map<String, String> environment = benchmark.environment();
		environment.putAll(settings);
		// The JDK running the build, free ports, and the service's log under target
		// rather than /tmp.
		environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
				+ environment.getOrDefault("PATH", ""));
		environment.put("PORT", Integer.toString(TestHost.freePort()));
		environment.put("MANAGEMENT_PORT", Integer.toString(TestHost.freePort()));
		environment.put("TMPDIR", Path.of("target").toAbsolutePath().toString());
		Set<Path> workBefore = workDirectories();
		Process run = benchmark.start();
		try {
			assertThat(run.waitFor(5, TimeUnit.MINUTES)).as(script + " finished").isTrue();
		}
		finally {
			run.descendants().forEach(ProcessHandle::destroy);
			run.destroy();
			if (!run.waitFor(30, TimeUnit.SECONDS)) {
				run.descendants().forEach(ProcessHandle::destroyForcibly);
				run.destroyForcibly().waitFor();
			}
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(run.exitValue()).as(printed).isZero();
		assertThat(workDirectories()).as("the work directory, with the service's log of gigabytes, removed at exit")
			.isEqualTo(workBefore);
		return printed;
	}

	private static Set<Path> workDirectories() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("presign-"))
				.collect(Collectors.toSet());
		}
	}

}
