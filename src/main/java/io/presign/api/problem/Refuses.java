package io.presign.api.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.presign.policy.Rule;

/**
 * The refusals an endpoint can answer with besides those every endpoint can (no
 * credentials, the identity provider unreachable, and for a body: not JSON, malformed or
 * too large): named groups and single rules. Its API description lists them, grouped by
 * status, each with an example built as the real problem document is;
 * {@code DeclaredProblemsIT} checks that every refusal the tests see an endpoint answer
 * is declared here.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

	/**
	 * @return the groups of refusals the endpoint can answer with
	 */
	RefusalGroup[] groups() default {};

	/**
	 * @return further single refusals
	 */
	Rule[] value() default {};

}
