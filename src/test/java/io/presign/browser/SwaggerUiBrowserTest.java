package io.presign.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI, the API's third kind of user, in a real Chromium: it loads, takes the dev
 * token through its Authorize dialog, and "Try it out" on POST /v1/downloads answers 200
 * with a URL.
 */
class SwaggerUiBrowserTest extends BrowserTest {

	@Test
	void authorizeWithTheDevTokenThenTryADownload() throws Exception {
		Page page = browser.newPage();
		page.navigate(run.base() + "/swagger-ui.html");
		page.locator("button.authorize").first().click();
		Locator dialog = page.locator(".dialog-ux");
		Locator bearer = dialog.locator(".auth-container").filter(new Locator.FilterOptions().setHasText("bearer"));
		bearer.locator("input").first().fill(run.token("visitor"));
		bearer.locator("button.authorize").click();
		dialog.locator("button.btn-done").first().click();

		Locator operation = page.locator(".opblock-post")
			.filter(new Locator.FilterOptions().setHasText("/v1/downloads"))
			.filter(new Locator.FilterOptions().setHasText("Issue a download URL"));
		operation.locator(".opblock-summary").click();
		operation.locator("button.try-out__btn").click();
		// Unedited: the example the description gives.
		assertThat(operation.locator("textarea.body-param__text").inputValue()).contains("\"profile\": \"demo\"");
		operation.locator("button.execute").click();
		Locator status = operation.locator(".live-responses-table tbody .response-col_status").first();
		status.waitFor();
		BrowserSession.screenshot(page, "swagger-ui-try-it-out");
		assertThat(status.textContent().trim()).isEqualTo("200");
		assertThat(operation.locator(".live-responses-table .microlight").first().textContent())
			.contains("users/visitor/hello.txt")
			.contains("X-Amz-Signature");
	}

}
