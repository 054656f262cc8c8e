package io.presign.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.presign.support.EmbeddedDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded run's {@code /demo} page in a real Chromium: files chosen in the browser
 * go up (one whole, one in parts), arrive byte for byte in the embedded S3 server, and
 * come back through the page's download button.
 */
class DemoPageBrowserTest extends BrowserTest {

	@Test
	void uploadsWholeAndInPartsThenDownloadsBack(@TempDir Path files) throws Exception {
		Path small = write(files.resolve("notes.txt"), 200 * 1024);
		Path large = write(files.resolve("clip.bin"), 7 * 1024 * 1024);
		Page page = browser.newPage();
		List<String> errors = BrowserSession.errorsOf(page);
		page.navigate(run.base() + "/demo");
		page.locator("#upload:not([disabled])").waitFor();
		assertThat(page.locator("#identity").textContent()).contains("Signed in as visitor");
		page.locator("#files").setInputFiles(new Path[] { small, large });
		page.locator("#upload").click();
		Locator downloads = page.locator("button.download");
		page.waitForCondition(() -> downloads.count() == 2 || page.locator(".error").count() > 0);
		BrowserSession.screenshot(page, "demo-page-uploaded");
		assertThat(page.locator(".error").allTextContents()).isEmpty();

		for (Path file : List.of(small, large)) {
			String key = "users/visitor/" + file.getFileName();
			assertThat(run.s3().read(EmbeddedDemo.BUCKET, key)).as(key).isEqualTo(Files.readAllBytes(file));
		}
		Download download = page
			.waitForDownload(() -> page.locator("li[data-key='users/visitor/notes.txt'] button.download").click());
		assertThat(download.suggestedFilename()).isEqualTo("notes.txt");
		assertThat(Files.readAllBytes(download.path())).isEqualTo(Files.readAllBytes(small));
		BrowserSession.screenshot(page, "demo-page-downloaded");
		assertThat(errors).as("console errors").isEmpty();
	}

	@Test
	void theUppyPageLoadsWithoutConsoleErrors() {
		UppyBrowserTest.buildBundle();
		Page page = browser.newPage();
		List<String> errors = BrowserSession.errorsOf(page);
		page.navigate(run.base() + "/demo");
		page.locator("#upload:not([disabled])").waitFor();
		page.locator("a[href='/demo/uppy']").click();
		page.waitForFunction("() => window.uppyReady === true");
		assertThat(page.title()).isEqualTo("presign-service with Uppy");
		assertThat(errors).as("console errors").isEmpty();
	}

	static Path write(Path path, int size) throws Exception {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return Files.write(path, bytes);
	}

}
