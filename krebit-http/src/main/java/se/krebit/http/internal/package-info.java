/**
 * Transport pieces shared by the Krebit modules built on Feign: the TLS-only JDK HTTP client, the
 * redacting wire logger, the Feign client that bounds each exchange's time and body size, bounded
 * body reading, {@code Retry-After} parsing, retry backoff and builder checks.
 *
 * <p><b>Not a supported API.</b> These types are public only so that {@code krebit-api-client} can
 * share them with the token endpoint; anything here may change or disappear in any release.
 */
@NullMarked
package se.krebit.http.internal;

import org.jspecify.annotations.NullMarked;
