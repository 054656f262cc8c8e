package io.presign.support;

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
 * The embedded run's browser pages: {@code /demo} (plain JavaScript, no build step) and,
 * where the Uppy bundle was built ({@code src/test/uppy/build.sh}), {@code /demo/uppy};
 * and a dev-only token endpoint, so that the pages call the API as a browser app would,
 * with a short-lived JWT, never with an API key. Test code: it is never part of the
 * service's jar, and the integration tests' contexts leave it out
 * ({@code @TestComponent}).
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

	@GetMapping({ "/demo", "/demo/" })
	public ResponseEntity<Resource> demo() {
		return page(new ClassPathResource("demo/index.html"), MediaType.TEXT_HTML);
	}

	@GetMapping("/demo/demo.js")
	public ResponseEntity<Resource> demoScript() {
		return page(new ClassPathResource("demo/demo.js"), MediaType.valueOf("text/javascript"));
	}

	@GetMapping("/demo/uppy")
	public ResponseEntity<Resource> uppy() {
		if (!Files.exists(UPPY.resolve("uppy.bundle.mjs"))) {
			return ResponseEntity.status(404)
				.contentType(MediaType.TEXT_PLAIN)
				.body(new ByteArrayResource(
						"The Uppy bundle is not built: run src/test/uppy/build.sh (needs npm)\n".getBytes()));
		}
		return page(new ClassPathResource("demo/uppy.html"), MediaType.TEXT_HTML);
	}

	@GetMapping("/demo/uppy/uppy.bundle.mjs")
	public ResponseEntity<Resource> uppyBundle() {
		return page(new FileSystemResource(UPPY.resolve("uppy.bundle.mjs")), MediaType.valueOf("text/javascript"));
	}

	@GetMapping("/demo/uppy/uppy.min.css")
	public ResponseEntity<Resource> uppyStyles() {
		return page(new FileSystemResource(UPPY.resolve("uppy.min.css")), MediaType.valueOf("text/css"));
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
