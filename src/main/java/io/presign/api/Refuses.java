package io.presign.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint can answer with besides those every endpoint can (no
 * credentials, the identity provider unreachable, and for a body: not JSON, malformed or
 * too large); its API description lists them, grouped by status, each with an example
 * built as the real problem document is.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Refuses {

	Refusal[] value();

}
