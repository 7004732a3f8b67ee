/**
 * Durable, encrypted, cluster-safe adapters for Krebit Auth's driven ports on JDBC: {@link
 * se.krebit.auth.store.jdbc.JdbcTokenStore} and {@link
 * se.krebit.auth.store.jdbc.JdbcStateRepository}, over any {@link javax.sql.DataSource} of H2 or
 * PostgreSQL, encrypting at rest through a {@link se.krebit.auth.spi.TokenCipher} such as {@link
 * se.krebit.tink.TinkTokenCipher} ({@code krebit-tink}). {@link
 * se.krebit.auth.store.jdbc.JdbcStoreModule} installs them in Guice. {@link
 * se.krebit.auth.store.jdbc.JdbcDeliveryDeduplicator} is the cluster-safe deduplicator of {@code
 * krebit-webhooks}, in the same database.
 *
 * <p>The schema scripts ship as resources under {@code db/krebit/h2/} and {@code
 * db/krebit/postgresql/}, named for Flyway ({@code V1__krebit_tokens.sql}, {@code
 * V2__krebit_pending_authorizations.sql}, {@code V3__krebit_webhook_deliveries.sql}).
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.auth.store.jdbc;

import org.jspecify.annotations.NullMarked;
