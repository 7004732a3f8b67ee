/**
 * Receiving Krebit Sign's webhooks: {@link se.krebit.webhooks.WebhookVerifier} checks a delivery's
 * HMAC-SHA256 signature over the raw body and turns it into a typed {@link
 * se.krebit.webhooks.WebhookEvent} or a typed {@link se.krebit.webhooks.WebhookRejection}; {@link
 * se.krebit.webhooks.WebhookReceiver} adds deduplication and hands processing to an executor;
 * {@link se.krebit.webhooks.WebhookHttpHandler} and {@link
 * se.krebit.webhooks.servlet.WebhookServlet} put it behind the JDK's HTTP server or a servlet
 * container.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.webhooks;

import org.jspecify.annotations.NullMarked;
