package io.presign.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.presign.support.DemoPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a machine with only a JDK, where the Uppy bundle was never built, {@code /demo} says
 * how to build it and {@code /demo/uppy} is a page that says the same, not a 404; once
 * built, {@code /demo} links to it.
 */
class DemoPagesTest {

	@Test
	void withoutTheBundleBothPagesSayHowToBuildIt(@TempDir Path nothingBuilt) throws Exception {
		DemoPages pages = new DemoPages(nothingBuilt);
		ResponseEntity<Resource> uppy = pages.uppy();
		assertThat(uppy.getStatusCode().value()).isEqualTo(200);
		assertThat(body(uppy)).contains(DemoPages.UPPY_MISSING).contains("<a href=\"/demo\">");
		assertThat(body(pages.demo())).contains(DemoPages.UPPY_MISSING).doesNotContain("href=\"/demo/uppy\"");
	}

	@Test
	void withTheBundleTheDemoLinksToUppy(@TempDir Path built) throws Exception {
		Files.writeString(built.resolve("uppy.bundle.mjs"), "export {}");
		DemoPages pages = new DemoPages(built);
		assertThat(body(pages.demo())).contains(DemoPages.UPPY_PRESENT).contains("href=\"/demo/uppy\"");
		assertThat(body(pages.uppy())).contains("uppy.bundle.mjs").doesNotContain(DemoPages.UPPY_MISSING);
	}

	private static String body(ResponseEntity<Resource> response) throws Exception {
		return response.getBody().getContentAsString(StandardCharsets.UTF_8);
	}

}
