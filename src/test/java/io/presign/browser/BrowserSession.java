package io.presign.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Headless Chromium from the OS packages, driven by Playwright without any browser
 * download. Where Chromium is missing the browser tests skip, saying so; in CI
 * ({@code CI=true}, where {@code .ci/run} installs it) a missing Chromium fails them
 * instead, so that CI never reports them green without running them.
 */
final class BrowserSession implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** Where each test leaves its screenshots. */
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final Playwright playwright;

	private final Browser browser;

	private BrowserSession(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	static BrowserSession start() {
		require(Files.isExecutable(CHROMIUM),
				"Chromium is not installed at " + CHROMIUM + " (apt-get install chromium; .ci/run installs it)");
		Playwright playwright = Playwright.create();
		// Without the background-networking flags Chromium keeps trying to reach Google's
		// services.
		Browser browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync")));
		return new BrowserSession(playwright, browser);
	}

	/**
	 * Skips the test with the reason, or fails it in CI.
	 */
	static void require(boolean condition, String reason) {
		if (condition) {
			return;
		}
		if ("true".equals(System.getenv("CI"))) {
			fail("In CI the browser tests must run: " + reason);
		}
		Assumptions.assumeTrue(false, reason);
	}

	Page newPage() {
		Page page = this.browser
			.newContext(new Browser.NewContextOptions().setAcceptDownloads(true).setViewportSize(1280, 900))
			.newPage();
		page.setDefaultTimeout(30_000);
		return page;
	}

	/**
	 * @param page a page about to be visited
	 * @return what the page logs as errors from now on: console errors (a resource that
	 * failed to load among them) and uncaught exceptions
	 */
	static List<String> errorsOf(Page page) {
		List<String> errors = new CopyOnWriteArrayList<>();
		page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				errors.add(message.text() + " (" + message.location() + ")");
			}
		});
		page.onPageError(errors::add);
		return errors;
	}

	static void screenshot(Page page, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

}
