package io.presign.policy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyTemplateTest {

	@Test
	void expandsThePrincipal() {
		assertThat(KeyTemplate.parse("users/{principal}/docs/").expand(PolicyFixtures.ALICE))
			.isEqualTo("users/alice/docs/");
	}

	@Test
	void emptyTemplateIsTheBucketRoot() {
		assertThat(KeyTemplate.parse("").expand(PolicyFixtures.ALICE)).isEmpty();
		assertThat(KeyTemplate.parse(null).expand(PolicyFixtures.ALICE)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "users/{principal}", "users/{group}/", "users/{principal/", "/users/", "a}b/" })
	void rejectsUnsafeTemplatesAtStartUp(String template) {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyTemplate.parse(template));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".", "..", "a/b", "a\\b", "a\u0000b", "\ud800" })
	void refusesPrincipalsThatCannotStandInAKey(String name) {
		Caller caller = new Caller(name, Set.of(), Caller.AuthMethod.JWT);
		assertThatThrownBy(() -> KeyTemplate.parse("users/{principal}/").expand(caller)).isInstanceOfSatisfying(
				PolicyViolation.class,
				(violation) -> assertThat(violation.rule()).isEqualTo(Rule.KEY_PREFIX_UNRESOLVABLE));
	}

}
