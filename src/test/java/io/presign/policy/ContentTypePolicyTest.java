package io.presign.policy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentTypePolicyTest {

	private final ContentTypePolicy policy = ContentTypePolicy
		.of(List.of("image/png", "image/*", "text/plain", "application/*+json"));

	@ParameterizedTest
	@ValueSource(strings = { "image/png", "image/webp", "text/plain", "text/plain; charset=utf-8",
			"application/vnd.api+json", "IMAGE/JPEG" })
	void acceptsAllowedTypesAndSignsThemAsGiven(String type) {
		assertThat(this.policy.check(" " + type + " ")).isEqualTo(type);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/pdf", "text/html", "application/json" })
	void refusesTypesOutsideTheList(String type) {
		assertRule(type, Rule.CONTENT_TYPE_NOT_ALLOWED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "png", "image/", "/png", "image/*", "*/*", "text/plain\r\nX-Evil: 1", "a b/c" })
	void refusesValuesThatAreNotConcreteMediaTypes(String type) {
		assertRule(type, Rule.CONTENT_TYPE_INVALID);
	}

	@Test
	void refusesMissingType() {
		assertRule(null, Rule.CONTENT_TYPE_INVALID);
		assertRule("  ", Rule.CONTENT_TYPE_INVALID);
	}

	@Test
	void rejectsUnparsablePatternsAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContentTypePolicy.of(List.of("images")));
	}

	private void assertRule(String type, Rule rule) {
		assertThatThrownBy(() -> this.policy.check(type)).isInstanceOfSatisfying(PolicyViolation.class, (violation) -> {
			assertThat(violation.rule()).isEqualTo(rule);
			assertThat(violation.field()).isEqualTo("contentType");
		});
	}

}
