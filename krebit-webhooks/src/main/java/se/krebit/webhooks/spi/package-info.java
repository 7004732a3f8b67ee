/**
 * The driven port of krebit-webhooks: {@link se.krebit.webhooks.spi.DeliveryDeduplicator}, which
 * remembers the deliveries already taken so that Krebit's retries are not processed twice. The
 * in-memory adapter is in {@code se.krebit.webhooks.memory}; the cluster-safe one on JDBC is {@code
 * se.krebit.auth.store.jdbc.JdbcDeliveryDeduplicator}.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.webhooks.spi;

import org.jspecify.annotations.NullMarked;
