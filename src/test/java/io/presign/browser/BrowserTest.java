package io.presign.browser;

import io.presign.support.EmbeddedRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A browser test: one Chromium and one embedded run per class.
 */
abstract class BrowserTest {

	static BrowserSession browser;

	static EmbeddedRun run;

	@BeforeAll
	static void startBrowserAndRun() {
		browser = BrowserSession.start();
		run = EmbeddedRun.start();
	}

	@AfterAll
	static void stopBrowserAndRun() {
		if (run != null) {
			run.close();
		}
		if (browser != null) {
			browser.close();
		}
	}

}
