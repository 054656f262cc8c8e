package io.presign.config;

import java.util.List;

import io.presign.PresignServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration mistake is reported once, under the property as it is written, before
 * any bean is created.
 */
class ConfigurationPropertiesCheckTest {

	private static final String[] FILES = { "presign.profiles.files.bucket=b",
			"presign.profiles.files.region=eu-west-1", "presign.profiles.files.operations=download",
			"presign.profiles.files.required-scope=files" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Checked.class)
		.withPropertyValues(FILES);

	@Test
	void aValidatingMethodsFailureNamesThePropertyItChecks() {
		assertThat(problems("presign.profiles.files.endpoint=http://s3.local:9000"))
			.containsExactly("presign.profiles.files.endpoint = \"http://s3.local:9000\"");
		assertThat(problems("presign.profiles.files.max-expiry=8d"))
			.containsExactly("presign.profiles.files.max-expiry = \"8d\"");
	}

	@Test
	void aMissingOrUnreadableValueIsNamedWithItsValue() {
		assertThat(problems("presign.profiles.files.region=")).containsOnly("presign.profiles.files.region = \"\"");
		assertThat(problems("presign.profiles.files.max-expiry=1hour"))
			.containsExactly("presign.profiles.files.max-expiry = \"1hour\"");
	}

	@Test
	void aSecretsValueIsNeverShown() {
		assertThat(problems("presign.upload-tickets.secret=short"))
			.containsExactly("presign.upload-tickets.secret = \"******\"");
	}

	private List<String> problems(String property) {
		List<String> problems = new java.util.ArrayList<>();
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidConfigurationException)) {
				failure = failure.getCause();
			}
			assertThat(failure).as("an InvalidConfigurationException").isNotNull();
			((InvalidConfigurationException) failure).problems()
				.forEach((problem) -> problems.add(problem.property() + " = \"" + problem.value() + "\""));
		});
		return problems;
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = PresignServiceApplication.class)
	@Import({ UnknownPropertiesCheck.class, ConfigurationPropertiesCheck.class })
	static class Checked {

	}

}
