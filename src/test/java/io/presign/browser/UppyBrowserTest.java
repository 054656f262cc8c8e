package io.presign.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.Page;
import io.presign.support.EmbeddedDemo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real, unmodified Uppy 6 ({@code @uppy/core} and {@code @uppy/aws-s3} 6.3.1,
 * {@code @uppy/dashboard} 6.0.3, bundled by {@code src/test/uppy/build.sh}) in a real
 * Chromium, signing every S3 call with {@code POST /v1/uppy/sign}, against the embedded
 * S3 server whose CORS rule is the one the service recommends. The {@code demo} profile
 * allows 16 MB.
 */
class UppyBrowserTest extends BrowserTest {

	private static final Path BUNDLE = Path.of("target", "uppy", "uppy.bundle.mjs");

	@BeforeAll
	static void bundle() {
		buildBundle();
	}

	@Test
	void aSmallFileByPolicyAndALargeOneInPartsArriveByteIdentical(@TempDir Path files) throws Exception {
		Path small = DemoPageBrowserTest.write(files.resolve("photo.png"), 200 * 1024);
		Path large = DemoPageBrowserTest.write(files.resolve("movie.bin"), 12 * 1024 * 1024);
		Page page = open("user=uppy-visitor");
		Map<String, Object> result = upload(page, small, large);
		BrowserSession.screenshot(page, "uppy-uploaded");
		assertThat(failed(result)).isEmpty();
		List<Map<String, Object>> successful = successful(result);
		assertThat(successful).hasSize(2);
		for (Map<String, Object> file : successful) {
			String key = (String) file.get("key");
			assertThat(key).startsWith("users/uppy-visitor/");
			Path local = files.resolve((String) file.get("name"));
			assertThat(run.s3().read(EmbeddedDemo.BUCKET, key)).as(key).isEqualTo(Files.readAllBytes(local));
		}
		assertThat(run.s3().uploadsInProgress(EmbeddedDemo.BUCKET, "users/uppy-visitor/")).isEmpty();

		// A second user, with the first user's key and upload id, is refused every
		// multipart call.
		String key = (String) successful.stream()
			.filter((file) -> "movie.bin".equals(file.get("name")))
			.findFirst()
			.orElseThrow()
			.get("key");
		Page mallory = open("user=mallory");
		for (String method : List.of("PUT", "GET", "POST", "DELETE")) {
			Object refusal = mallory.evaluate("([method, key]) => window.signRequest({ method, key, uploadId: 'u-1', "
					+ "partNumber: 1 }).then(() => 'signed', (error) => error.message)", List.of(method, key));
			assertThat(refusal).as(method).asString().startsWith("key-outside-prefix");
		}
		BrowserSession.screenshot(mallory, "uppy-second-user-refused");
	}

	@Test
	void aFileOverTheLimitIsRefusedBySThreeByPolicyAndNothingIsStored(@TempDir Path files) throws Exception {
		Path big = DemoPageBrowserTest.write(files.resolve("too-big.bin"), 17 * 1024 * 1024);
		Page page = open("user=uppy-policy&multipart=never");
		Map<String, Object> result = upload(page, big);
		BrowserSession.screenshot(page, "uppy-policy-too-large");
		assertThat(successful(result)).isEmpty();
		assertThat(failed(result)).singleElement().asString().contains("400");
		assertThat(errors(page)).as("S3 itself refused it, from the policy")
			.singleElement()
			.asString()
			.contains("EntityTooLarge");
		assertThat(run.s3().keys(EmbeddedDemo.BUCKET, "users/uppy-policy/")).isEmpty();
	}

	@Test
	void aMultipartUploadOverTheLimitIsRefusedAtCompletionAndNothingIsStored(@TempDir Path files) throws Exception {
		Path big = DemoPageBrowserTest.write(files.resolve("too-big.bin"), 20 * 1024 * 1024);
		Page page = open("user=uppy-parts&multipart=always");
		Map<String, Object> result = upload(page, big);
		BrowserSession.screenshot(page, "uppy-multipart-too-large");
		assertThat(successful(result)).isEmpty();
		assertThat(failed(result)).singleElement().asString().contains("400");
		assertThat(errors(page)).as("the service refused it at completion")
			.singleElement()
			.asString()
			.contains("code=content-length-too-large")
			.contains("/v1/uppy/uploads/complete");
		assertThat(run.s3().keys(EmbeddedDemo.BUCKET, "users/uppy-parts/")).isEmpty();
		assertThat(run.s3().uploadsInProgress(EmbeddedDemo.BUCKET, "users/uppy-parts/")).as("aborted").isEmpty();
	}

	private Page open(String query) {
		Page page = browser.newPage();
		page.navigate(run.base() + "/demo/uppy?" + query);
		page.waitForFunction("() => window.uppyReady === true");
		return page;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> upload(Page page, Path... files) {
		page.locator("input.uppy-Dashboard-input").first().setInputFiles(files);
		page.locator("button.uppy-StatusBar-actionBtn--upload").click();
		page.waitForFunction("() => window.uppyResult !== undefined", null,
				new Page.WaitForFunctionOptions().setTimeout(120_000));
		return (Map<String, Object>) page.evaluate("() => window.uppyResult");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errors(Page page) {
		return (List<Map<String, Object>>) page.evaluate("() => window.uppyErrors");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> successful(Map<String, Object> result) {
		return (List<Map<String, Object>>) result.get("successful");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> failed(Map<String, Object> result) {
		return (List<Map<String, Object>>) result.get("failed");
	}

	/**
	 * Builds the bundle once where it is missing and npm is at hand; otherwise skips
	 * (fails in CI).
	 */
	static void buildBundle() {
		try {
			build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void build() throws IOException, InterruptedException {
		if (Files.exists(BUNDLE)) {
			return;
		}
		boolean npm = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "npm")));
		BrowserSession.require(npm, "npm is not installed, so the Uppy bundle cannot be built (.ci/run installs it)");
		Process build = new ProcessBuilder("bash", "src/test/uppy/build.sh").redirectErrorStream(true)
			.redirectOutput(Path.of("target", "uppy-build.log").toFile())
			.start();
		boolean done = build.waitFor(5, TimeUnit.MINUTES);
		BrowserSession.require(done && build.exitValue() == 0 && Files.exists(BUNDLE),
				"the Uppy bundle could not be built (no npm registry?); see target/uppy-build.log");
	}

}
