/**
 * The HTTP stack the Krebit token endpoint ({@code krebit-auth-feign}) and API client ({@code
 * krebit-api-client}) share: its settings ({@link se.krebit.http.HttpConfig}), the transport
 * contract ({@link se.krebit.http.HttpTransport}) and the pieces both clients build on: the bounded
 * Feign client, the redacting wire logger, bounded body and header reading, {@code Retry-After} and
 * backoff, safe transport failures and builder checks. The implementation lives in {@code
 * se.krebit.http.internal}, which no other module imports.
 */
@NullMarked
package se.krebit.http;

import org.jspecify.annotations.NullMarked;
