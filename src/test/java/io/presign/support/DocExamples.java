package io.presign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The code examples of README.md and docs/*.md, as a reader sees them: each fenced block
 * with its language, the output the page shows for it, and, for an example that cannot
 * run against the embedded run, the page's own reason ({@code <!-- not run: ... -->} on
 * the line before the fence).
 *
 * <p>
 * An example's output is the next {@code text} or {@code json} block, when the paragraph
 * just before that block starts with "Output" and no other example comes first. In the
 * output, {@code ...} or {@code …} stand for anything; times, ports and whitespace are
 * compared loosely ({@link #matches}).
 */
public final class DocExamples {

	/** The pages whose examples are tested. */
	public static final List<Path> PAGES = pages();

	/** The languages that are examples to run; the others are outputs or settings. */
	private static final List<String> RUNNABLE = List.of("bash", "sh", "js", "html", "java");

	private static final Pattern FENCE = Pattern.compile("^```([a-z]*)\\s*$");

	private static final Pattern NOT_RUN = Pattern.compile("^<!-- not run: (.+) -->$");

	private static final Pattern WILDCARD = Pattern.compile("\\.\\.\\.|…");

	private DocExamples() {
	}

	/**
	 * One example.
	 *
	 * @param page the page
	 * @param line the line of its opening fence
	 * @param language its fence's language
	 * @param code its text
	 * @param output what the page shows it prints, or {@code null}
	 * @param notRun why the page says it does not run against the embedded run, or
	 * {@code null}
	 */
	public record Example(Path page, int line, String language, String code, @Nullable String output,
			@Nullable String notRun) {

		@Override
		public String toString() {
			return this.page + ":" + this.line + " (" + this.language + ")";
		}

	}

	/**
	 * @return every runnable example of every page
	 */
	public static List<Example> all() {
		return PAGES.stream().flatMap((page) -> of(page).stream()).toList();
	}

	/**
	 * @param page a Markdown page
	 * @return its runnable examples, in order
	 */
	public static List<Example> of(Path page) {
		List<String> lines = read(page);
		List<Example> examples = new ArrayList<>();
		int index = 0;
		while (index < lines.size()) {
			Matcher open = FENCE.matcher(lines.get(index));
			if (!open.matches() || open.group(1).isEmpty()) {
				index++;
				continue;
			}
			int end = closing(lines, index);
			String language = open.group(1);
			if (RUNNABLE.contains(language)) {
				Matcher notRun = index > 0 ? NOT_RUN.matcher(lines.get(index - 1).trim()) : null;
				examples.add(new Example(page, index + 1, language, String.join("\n", lines.subList(index + 1, end)),
						output(lines, end + 1), (notRun != null && notRun.matches()) ? notRun.group(1) : null));
			}
			index = end + 1;
		}
		return examples;
	}

	/**
	 * @param expected the output a page shows
	 * @param actual what the example printed
	 * @return whether they agree, wildcards, times, hosts' ports and whitespace aside
	 */
	public static boolean matches(String expected, String actual) {
		String[] pieces = WILDCARD.split(loose(expected), -1);
		String seen = loose(actual);
		if (!seen.startsWith(pieces[0])) {
			return false;
		}
		int at = pieces[0].length();
		for (int i = 1; i < pieces.length - 1; i++) {
			int found = seen.indexOf(pieces[i], at);
			if (found < 0) {
				return false;
			}
			at = found + pieces[i].length();
		}
		String last = pieces[pieces.length - 1];
		return pieces.length == 1 ? seen.equals(pieces[0]) : seen.length() - at >= last.length() && seen.endsWith(last);
	}

	/**
	 * Lists what a test did with each example, one line each, in
	 * {@code target/doc-examples-NAME.txt}: the list of examples run and skipped, and
	 * why.
	 */
	public static final class Report {

		private final Path file;

		/**
		 * @param name the test's name for its list
		 */
		public Report(String name) {
			this.file = Path.of("target", "doc-examples-" + name + ".txt");
			try {
				Files.deleteIfExists(this.file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * @param example an example
		 * @param outcome what became of it: {@code ran}, or {@code skipped: why}
		 */
		public synchronized void add(Example example, String outcome) {
			try {
				Files.writeString(this.file, example + "\t" + outcome + "\n", StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static String loose(String text) {
		return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
			.replaceAll("\\d{8}T\\d{6}Z", "<time>")
			.replaceAll("(127\\.0\\.0\\.1|localhost):\\d+", "<host>")
			.replaceAll("\\s+", "");
	}

	private static @Nullable String output(List<String> lines, int from) {
		boolean introduced = false;
		for (int index = from; index < lines.size(); index++) {
			String line = lines.get(index);
			Matcher fence = FENCE.matcher(line);
			if (fence.matches()) {
				if (introduced && List.of("text", "json").contains(fence.group(1))) {
					return String.join("\n", lines.subList(index + 1, closing(lines, index)));
				}
				return null;
			}
			if (!line.isBlank() && (index == 0 || lines.get(index - 1).isBlank())) {
				// A paragraph starts: only one that starts with "Output" introduces one.
				introduced = line.startsWith("Output");
			}
		}
		return null;
	}

	private static int closing(List<String> lines, int open) {
		for (int index = open + 1; index < lines.size(); index++) {
			if (lines.get(index).equals("```")) {
				return index;
			}
		}
		throw new IllegalStateException("An unclosed code block at line " + (open + 1));
	}

	private static List<String> read(Path page) {
		try {
			return Files.readAllLines(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> pages() {
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			return Stream
				.concat(Stream.of(Path.of("README.md")), docs.filter((page) -> page.toString().endsWith(".md")))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
