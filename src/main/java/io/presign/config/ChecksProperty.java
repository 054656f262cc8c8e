package io.presign.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the property an {@code @AssertTrue} method of a properties record checks, and how
 * to fix it: the method's own name ({@code isEndpointSecure}) is no property anyone can
 * set, so a failed start names this one instead.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChecksProperty {

	/**
	 * @return the property, relative to the record, such as {@code endpoint}
	 */
	String value();

	/**
	 * @return what to do about it, in a sentence
	 */
	String fix();

}
