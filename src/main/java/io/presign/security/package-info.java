/**
 * API-key and JWT authentication, and the {@link io.presign.policy.Caller} handed to
 * controllers.
 */
@NullMarked
package io.presign.security;

import org.jspecify.annotations.NullMarked;
