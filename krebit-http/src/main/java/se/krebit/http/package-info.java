/**
 * The HTTP stack the Krebit token endpoint and API client share: its settings are the supported API
 * here; the implementation lives in {@code se.krebit.http.internal}.
 */
@NullMarked
package se.krebit.http;

import org.jspecify.annotations.NullMarked;
