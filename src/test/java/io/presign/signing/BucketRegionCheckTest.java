package io.presign.signing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.presign.PresignServiceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up region verification, against a stub that answers HeadBucket as S3 does: 200
 * with the region for the right region, 301 with the real region for the wrong one.
 */
class BucketRegionCheckTest {

	private HttpServer s3;

	@BeforeEach
	void startStub() throws IOException {
		this.s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		Map<String, String> regions = Map.of("/frankfurt-bucket", "eu-central-1", "/dublin-bucket", "eu-west-1");
		this.s3.createContext("/", (exchange) -> {
			String region = regions.get(exchange.getRequestURI().getPath());
			String signedFor = exchange.getRequestHeaders()
				.getFirst("Authorization")
				.replaceAll(".*Credential=[^/]+/\\d+/([^/]+)/.*", "$1");
			if (region != null) {
				exchange.getResponseHeaders().set("x-amz-bucket-region", region);
			}
			exchange.sendResponseHeaders((region == null) ? 404 : region.equals(signedFor) ? 200 : 301, -1);
			exchange.close();
		});
		this.s3.start();
	}

	@AfterEach
	void stopStub() {
		this.s3.stop(0);
	}

	@Test
	void mismatchFailsStartUpNamingBucketAndBothRegions() {
		assertThatThrownBy(() -> start("frankfurt-bucket", "eu-west-1", "fail").close())
			.hasStackTraceContaining("Bucket 'frankfurt-bucket' of profile 'p' is in region 'eu-central-1', "
					+ "but the profile is configured for region 'eu-west-1'");
	}

	@Test
	void mismatchOnlyWarnsInWarnModeAndIsRemembered() {
		try (ConfigurableApplicationContext context = start("frankfurt-bucket", "eu-west-1", "warn")) {
			BucketRegion region = context.getBean(BucketRegionCheck.class).resultFor("p");
			assertThat(region.state()).isEqualTo("mismatch");
			assertThat(region.actual()).isEqualTo("eu-central-1");
		}
	}

	@Test
	void matchingRegionStarts() {
		try (ConfigurableApplicationContext context = start("dublin-bucket", "eu-west-1", "fail")) {
			assertThat(context.getBean(BucketRegionCheck.class).resultFor("p").state()).isEqualTo("match");
		}
	}

	@Test
	void unknownRegionIsUnverifiedNotFatal() {
		try (ConfigurableApplicationContext context = start("missing-bucket", "eu-west-1", "fail")) {
			BucketRegion region = context.getBean(BucketRegionCheck.class).resultFor("p");
			assertThat(region.state()).isEqualTo("unverified");
			assertThat(region.detail()).contains("404");
		}
	}

	@Test
	void offChecksNothing() {
		try (ConfigurableApplicationContext context = start("frankfurt-bucket", "eu-west-1", "off")) {
			assertThat(context.getBean(BucketRegionCheck.class).resultFor("p").state()).isEqualTo("unchecked");
		}
	}

	private ConfigurableApplicationContext start(String bucket, String region, String mode) {
		return new SpringApplicationBuilder(PresignServiceApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "presign.profiles.p.bucket=" + bucket, "presign.profiles.p.region=" + region,
					"presign.profiles.p.endpoint=http://127.0.0.1:" + this.s3.getAddress().getPort(),
					"presign.profiles.p.allow-insecure-endpoint=true", "presign.profiles.p.path-style=true",
					"presign.profiles.p.operations=download", "presign.profiles.p.required-scope=s",
					"presign.signing.static-credentials.access-key-id=AKID",
					"presign.signing.static-credentials.secret-access-key=secret",
					"presign.signing.region-check=" + mode,
					// The failed start is what some tests expect: its report is their
					// assertion, not log output.
					"logging.threshold.console=off", "spring.main.banner-mode=off")
			.run();
	}

}
