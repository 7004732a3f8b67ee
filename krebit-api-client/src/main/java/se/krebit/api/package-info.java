/**
 * The Krebit Sign REST API under {@code /api/1.0}: {@link se.krebit.api.KrebitClient} calls it with
 * bearer tokens from any {@link se.krebit.auth.TokenSource}, maps its errors to the sealed {@link
 * se.krebit.api.KrebitApiException} hierarchy and retries what is safe to retry. {@link
 * se.krebit.api.KrebitClient#api(Class)} points your own Feign interfaces at endpoints this client
 * does not wrap yet, with the same behaviour.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.api;

import org.jspecify.annotations.NullMarked;
