/**
 * Binding and validation of the {@code presign.*} properties into the policy objects.
 */
@NullMarked
package io.presign.config;

import org.jspecify.annotations.NullMarked;
