package io.presign.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.presign.PresignServiceApplication;
import io.presign.policy.ProfileCatalog;
import io.presign.security.CorsProperties;
import io.presign.security.PresignSecurityProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration example of {@code docs/configuration.md} binds and validates, and
 * names no property the service does not have: the documentation cannot drift from the
 * properties classes.
 */
class DocumentedConfigurationTest {

	@Test
	void configurationExampleIsValid() throws Exception {
		String page = Files.readString(Path.of("docs", "configuration.md"));
		int start = page.indexOf("```yaml\n") + "```yaml\n".length();
		String yaml = page.substring(start, page.indexOf("```", start));
		var sources = new YamlPropertySourceLoader().load("docs/configuration.md",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		new ApplicationContextRunner().withUserConfiguration(DocumentedProperties.class)
			.withInitializer((context) -> sources.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ProfileCatalog.class).find("avatars")).hasValueSatisfying((avatars) -> {
					assertThat(avatars.scopeOperations()).containsKeys("avatars:read", "avatars:write");
					assertThat(avatars.rateLimit().capacity()).isEqualTo(600);
				});
				assertThat(context.getBean(ProfileCatalog.class).require("media").cloudFront()).isNotNull();
				assertThat(context.getBean(PresignSecurityProperties.class).apiKeys().get(1).sha256()).hasSize(2);
				assertThat(context.getBean(CorsProperties.class).allowedOrigins())
					.containsExactly("https://app.example.com");
				assertThat(context.getBean(PresignProperties.class).maxBatchSize()).isEqualTo(100);
			});
	}

	@Configuration(proxyBeanMethods = false)
	// Every properties class of the service, as the application binds them: none can be
	// forgotten here.
	@ConfigurationPropertiesScan(basePackageClasses = PresignServiceApplication.class)
	@Import({ PolicyConfiguration.class, UnknownPropertiesCheck.class })
	static class DocumentedProperties {

	}

}
