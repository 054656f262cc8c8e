package io.presign.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded run's browser pages: {@code /demo} (plain JavaScript, no build step) and
 * {@code /demo/uppy}, which runs Uppy where its bundle was built
 * ({@code src/test/uppy/build.sh}) and says how to build it elsewhere; and a dev-only
 * token endpoint, so that the pages call the API as a browser app would, with a
 * short-lived JWT, never with an API key. Test code: it is never part of the service's
 * jar, and the integration tests' contexts leave it out ({@code @TestComponent}).
 */
@TestComponent
@RestController
@Hidden
public class DemoPages {

	/** How long a dev token works. */
	public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	/** Where {@code src/test/uppy/build.sh} writes the bundle. */
	public static final Path UPPY = Path.of("target", "uppy");

	private static final Pattern USER = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	private final Path uppy;

	public DemoPages() {
		this(UPPY);
	}

	/**
	 * @param uppy where the Uppy bundle is looked for
	 */
	public DemoPages(Path uppy) {
		this.uppy = uppy;
	}

	/**
	 * What {@code /demo} says about Uppy, and {@code /demo/uppy} where the bundle is
	 * missing.
	 */
	public static final String UPPY_MISSING = "The same with Uppy's Dashboard needs its bundle, which is not built here: "
			+ "run <code>src/test/uppy/build.sh</code> (needs npm), then reload.";

	public static final String UPPY_PRESENT = "The same with Uppy's Dashboard: <a href=\"/demo/uppy\">/demo/uppy</a>.";

	@GetMapping({ "/demo", "/demo/" })
	public ResponseEntity<Resource> demo() throws IOException {
		String page = new ClassPathResource("demo/index.html").getContentAsString(StandardCharsets.UTF_8)
			.replace("<!--uppy-->", uppyBuilt() ? UPPY_PRESENT : UPPY_MISSING);
		return page(new ByteArrayResource(page.getBytes(StandardCharsets.UTF_8)), MediaType.TEXT_HTML);
	}

	@GetMapping("/demo/demo.js")
	public ResponseEntity<Resource> demoScript() {
		return page(new ClassPathResource("demo/demo.js"), MediaType.valueOf("text/javascript"));
	}

	@GetMapping("/demo/uppy")
	public ResponseEntity<Resource> uppy() {
		if (!uppyBuilt()) {
			// A page that says what to do, not a 404: a newcomer follows the link from
			// /demo.
			String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
					+ "<title>presign-service with Uppy</title><link rel=\"icon\" href=\"/favicon.ico\"></head>"
					+ "<body style=\"font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto\">"
					+ "<h1 style=\"font-size:1.3rem\">Uppy 6 with presign-service</h1><p id=\"missing\">" + UPPY_MISSING
					+ "</p><p>Meanwhile, <a href=\"/demo\">/demo</a> uploads without a build step.</p>"
					+ "</body></html>";
			return page(new ByteArrayResource(page.getBytes(StandardCharsets.UTF_8)), MediaType.TEXT_HTML);
		}
		return page(new ClassPathResource("demo/uppy.html"), MediaType.TEXT_HTML);
	}

	private boolean uppyBuilt() {
		return Files.exists(this.uppy.resolve("uppy.bundle.mjs"));
	}

	@GetMapping("/demo/uppy/uppy.bundle.mjs")
	public ResponseEntity<Resource> uppyBundle() {
		return page(new FileSystemResource(this.uppy.resolve("uppy.bundle.mjs")), MediaType.valueOf("text/javascript"));
	}

	@GetMapping("/demo/uppy/uppy.min.css")
	public ResponseEntity<Resource> uppyStyles() {
		return page(new FileSystemResource(this.uppy.resolve("uppy.min.css")), MediaType.valueOf("text/css"));
	}

	/**
	 * A dev token, signed by the embedded run's own issuer, for the {@code demo} scope.
	 * @param user the subject, so that a test can act as a second user; {@code visitor}
	 * by default (not {@code dev}: a token may not carry an API key's name)
	 */
	@PostMapping("/demo/token")
	public ResponseEntity<Map<String, Object>> token(@RequestParam(defaultValue = "visitor") String user) {
		if (!USER.matcher(user).matches()) {
			return ResponseEntity.badRequest().body(Map.of("detail", "user must match " + USER.pattern()));
		}
		Instant expiresAt = Instant.now().plus(TOKEN_LIFETIME);
		String token = TestJwtIssuer.shared()
			.sign(TestJwtIssuer.shared().claims(user, "demo").expirationTime(Date.from(expiresAt)).build());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("token", token, "user", user, "expiresAt", expiresAt.toString()));
	}

	private static ResponseEntity<Resource> page(Resource resource, MediaType type) {
		if (!resource.exists()) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore()).body(resource);
	}

}
