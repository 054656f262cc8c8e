package io.presign.docs;

import java.nio.file.Files;
import java.nio.file.Path;

import io.presign.support.DocExamples;
import io.presign.support.DocExamples.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How examples and their outputs are read from a page, and how loosely an output is
 * compared: wildcards, times and ports vary, status codes and values do not.
 */
class DocExamplesTest {

	@Test
	void wildcardsTimesAndPortsVaryButNothingElse() {
		assertThat(DocExamples.matches("PUT 200\nhello", "PUT 200\nhello\n")).isTrue();
		assertThat(DocExamples.matches("PUT 200", "PUT 403")).isFalse();
		assertThat(DocExamples.matches("{\"a\":1,…,\"z\":2}", "{\"a\":1,\"b\":[3],\"z\":2}")).isTrue();
		assertThat(DocExamples.matches("{\"a\":1,…,\"z\":2}", "{\"a\":1,\"b\":[3],\"z\":3}")).isFalse();
		assertThat(DocExamples.matches("x...", "xy")).isTrue();
		assertThat(DocExamples.matches("ab...ab", "ab")).as("the two ends may not overlap").isFalse();
		assertThat(DocExamples.matches("http://127.0.0.1:44271/b?d=20261122T210523Z&e=2026-11-22T21:10:23Z",
				"http://127.0.0.1:39001/b?d=20261207T063150Z&e=2026-12-07T06:36:50Z"))
			.isTrue();
	}

	@Test
	void anOutputIsTheNextBlockIntroducedAsOutputAndANoteSaysWhyNotRun(@TempDir Path dir) throws Exception {
		Path page = Files.writeString(dir.resolve("page.md"), """
				# Page

				```bash
				echo one
				```

				| a table | between |

				Output (it varies):

				```text
				one
				```

				<!-- not run: it needs AWS -->
				```bash
				aws s3 ls
				```

				```json
				{"not": "an output"}
				```
				""");
		assertThat(DocExamples.of(page)).extracting(Example::line, Example::output, Example::notRun)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "one", null),
					org.assertj.core.groups.Tuple.tuple(16, null, "it needs AWS"));
	}

}
