package io.presign.browser;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.microsoft.playwright.Page;
import io.presign.support.DocExamples;
import io.presign.support.DocExamples.Example;
import io.presign.support.EmbeddedDemo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every browser example of README.md and docs/*.md ({@code js}, the script of an
 * {@code html} block) runs as written in Chromium on the embedded run's origin, with a
 * dev token in {@code token} and a file in {@code file} (6 MB where the example uploads
 * in parts), and leaves exactly that file, byte for byte, under the caller's prefix. An
 * example that cannot run there (it needs npm packages or a production deployment) says
 * why in its page, and is reported skipped with that reason.
 */
class BrowserExamplesTest extends BrowserTest {

	private static final DocExamples.Report REPORT = new DocExamples.Report("browser");

	private static final AtomicInteger CALLERS = new AtomicInteger();

	@TestFactory
	Stream<DynamicTest> everyBrowserExampleRunsAsWritten() {
		return DocExamples.all()
			.stream()
			.filter((example) -> List.of("js", "html", "java").contains(example.language()))
			.map((example) -> DynamicTest.dynamicTest(example.toString(), () -> check(example)));
	}

	private static void check(Example example) throws Exception {
		if (example.notRun() != null) {
			REPORT.add(example, "skipped: " + example.notRun());
			Assumptions.abort("not run: " + example.notRun());
		}
		if (example.language().equals("java") || !example.code().matches("(?s).*fetch\\(['`]/v1/.*")) {
			fail(example + " neither calls the service from the page's origin nor says why not "
					+ "(<!-- not run: reason -->)");
		}
		String script = example.code();
		if (example.language().equals("html")) {
			script = script.substring(script.indexOf('>', script.indexOf("<script")) + 1, script.indexOf("</script>"));
		}
		String user = "docs-example-" + CALLERS.incrementAndGet();
		int size = example.code().contains("multipart-uploads") ? 6_000_000 : 4096;
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i % 251);
		}
		Page page = browser.newPage();
		List<String> errors = BrowserSession.errorsOf(page);
		page.navigate(run.base() + "/demo");
		page.evaluate("async ([token, size]) => { const file = new File([new Uint8Array(size).map((_, i) => i % 251)], "
				+ "'example.png', { type: 'image/png' });\n" + script + "\n}", List.of(run.token(user), size));
		String key = "users/" + user + "/example.png";
		assertThat(run.s3().keys(EmbeddedDemo.BUCKET, "users/" + user + "/")).as(example.toString())
			.containsExactly(key);
		assertThat(run.s3().read(EmbeddedDemo.BUCKET, key)).as(example.toString()).isEqualTo(bytes);
		assertThat(errors).as(example + ": console errors").isEmpty();
		REPORT.add(example, "ran");
	}

}
