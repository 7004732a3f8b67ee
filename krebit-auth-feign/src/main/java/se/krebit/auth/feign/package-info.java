/**
 * The Krebit token endpoint over OpenFeign: {@link se.krebit.auth.feign.FeignTokenEndpoint}
 * implements {@link se.krebit.auth.spi.TokenEndpoint} with JSON (Krebit) or form-encoded (RFC 6749)
 * token requests, Resilience4j retries and circuit breaker, TLS 1.2+ and logs that never carry a
 * secret or token. {@link se.krebit.http.HttpConfig} holds the HTTP settings shared with
 * the API client; {@link se.krebit.auth.feign.KrebitAuthConfig} the whole configuration, from code
 * or the environment, from which {@code krebit-guice}'s modules bind it all.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}.
 */
@NullMarked
package se.krebit.auth.feign;

import org.jspecify.annotations.NullMarked;
