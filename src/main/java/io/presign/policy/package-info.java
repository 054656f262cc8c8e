/**
 * Profiles, key templates and the rules for keys, content types, sizes and expiry: who
 * may touch what. Free of web and AWS types.
 */
@NullMarked
package io.presign.policy;

import org.jspecify.annotations.NullMarked;
