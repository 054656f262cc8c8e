package io.presign.browser;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.presign.support.EmbeddedDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend in development, on another origin: the demo page served by a plain HTTP
 * server on another port ({@code http://127.0.0.1:PORT}) calls the embedded run
 * ({@code http://localhost:PORT}) with CORS, as a Vite app on
 * {@code http://localhost:5173} would; the embedded run allows every local origin.
 */
class CrossOriginDemoBrowserTest extends BrowserTest {

	private static HttpServer frontend;

	@BeforeAll
	static void startFrontend() throws IOException {
		frontend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		frontend.createContext("/demo", (exchange) -> serve(exchange, "demo/index.html", "text/html"));
		frontend.createContext("/demo/demo.js", (exchange) -> serve(exchange, "demo/demo.js", "text/javascript"));
		frontend.createContext("/favicon.ico", (exchange) -> serve(exchange, "static/favicon.ico", "image/x-icon"));
		frontend.start();
	}

	@AfterAll
	static void stopFrontend() {
		frontend.stop(0);
	}

	@Test
	void theDemoPageOnAnotherOriginUploadsWholeAndInParts(@TempDir Path files) throws Exception {
		Path small = DemoPageBrowserTest.write(files.resolve("from-vite.txt"), 64 * 1024);
		Path large = DemoPageBrowserTest.write(files.resolve("from-vite.bin"), 6 * 1024 * 1024);
		String origin = "http://127.0.0.1:" + frontend.getAddress().getPort();
		Page page = browser.newPage();
		List<String> errors = BrowserSession.errorsOf(page);
		Map<String, String> allowedOrigins = new ConcurrentHashMap<>();
		page.onResponse((response) -> {
			if (response.url().startsWith(run.base() + "/v1/")) {
				allowedOrigins.put(response.url().substring(run.base().length()),
						String.valueOf(response.headerValue("access-control-allow-origin")));
			}
		});
		page.navigate(origin + "/demo#api=" + run.base() + "&token=" + run.token("frontend"));
		page.locator("#upload:not([disabled])").waitFor();
		assertThat(page.locator("#identity").textContent()).contains(run.base());

		page.locator("#files").setInputFiles(new Path[] { small, large });
		page.locator("#upload").click();
		Locator downloads = page.locator("button.download");
		page.waitForCondition(() -> downloads.count() == 2 || page.locator(".error").count() > 0);
		BrowserSession.screenshot(page, "cross-origin-demo-uploaded");
		assertThat(page.locator(".error").allTextContents()).isEmpty();
		for (Path file : List.of(small, large)) {
			String key = "users/frontend/" + file.getFileName();
			assertThat(run.s3().read(EmbeddedDemo.BUCKET, key)).as(key).isEqualTo(Files.readAllBytes(file));
		}
		assertThat(allowedOrigins).as("every API call was cross-origin and allowed for the page's origin")
			.containsKeys("/v1/uploads", "/v1/multipart-uploads")
			.allSatisfy((path, allowed) -> assertThat(allowed).as(path).isEqualTo(origin));
		assertThat(origin).isNotEqualTo(run.base());
		assertThat(errors).as("console errors").isEmpty();
	}

	private static void serve(HttpExchange exchange, String resource, String type) throws IOException {
		try (exchange;
				InputStream in = CrossOriginDemoBrowserTest.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null || !exchange.getRequestURI().getPath().equals("/" + resourcePath(resource))) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = in.readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	/** Where the frontend serves each resource: where the embedded run does. */
	private static String resourcePath(String resource) {
		return switch (resource) {
			case "demo/index.html" -> "demo";
			case "static/favicon.ico" -> "favicon.ico";
			default -> resource;
		};
	}

}
