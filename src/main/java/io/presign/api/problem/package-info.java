/**
 * Every error answer of the API, in one place: the RFC 9457 problem documents, built from
 * one table of refusals to status, code and extras; the refusals each endpoint declares,
 * in named groups; the guards that refuse a request before a controller runs; and the
 * OpenAPI description of all of it, built from the same code.
 */
@NullMarked
package io.presign.api.problem;

import org.jspecify.annotations.NullMarked;
