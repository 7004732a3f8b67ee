package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.webhooks.spi.DeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * A webhook {@link DeliveryDeduplicator} in one table of the JDBC store's database (H2 or
 * PostgreSQL), so that every node of a cluster processes a Krebit delivery once: a claim is one
 * atomic statement (an insert that takes over only an expired row), so of many nodes receiving the
 * same delivery at once, exactly one wins. Needs {@code se.krebit:krebit-webhooks} on the class
 * path.
 *
 * <p>Rows hold the SHA-256 of the delivery's key and two instants; no id, header or payload is
 * stored, so nothing is encrypted. A claim lasts the retention ({@link #DEFAULT_RETENTION} by
 * default), measured on the injected clock; call {@link #purgeExpired()} now and then (daily, say)
 * to delete what has expired. Database failures are {@link TokenStoreException}s, retryable when
 * the database was unreachable or busy: the receiver then answers 503 and Krebit retries.
 *
 * <p>Each operation borrows one connection from the {@link DataSource}; use a pool. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(verifier)
 *     .handler(handler)
 *     .deduplicator(JdbcDeliveryDeduplicator.builder(dataSource).build())
 *     .build();
 * }</pre>
 */
public final class JdbcDeliveryDeduplicator implements DeliveryDeduplicator {
  /** The table used unless {@link Builder#tableName} names another. */
  public static final String DEFAULT_TABLE_NAME = "krebit_webhook_deliveries";

  private final Duration retention;
  private final Clock clock;
  private final Jdbc jdbc;
  private final DeliverySql sql;

  private JdbcDeliveryDeduplicator(Builder settings) {
    this.retention = settings.retention;
    this.clock = settings.clock;
    this.jdbc = settings.jdbc();
    this.sql = new DeliverySql(settings.tableName);
  }

  /** A builder over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public boolean claim(DeliveryKey key) {
    byte[] digest = requireNonNull(key, "key").digest();
    Instant now = clock.instant();
    Instant expiry = now.plus(retention);
    return jdbc.run(
        "Claiming a webhook delivery",
        (connection, dialect) -> {
          if (dialect == JdbcDialect.POSTGRESQL) {
            try (PreparedStatement upsert = jdbc.prepare(connection, sql.upsert())) {
              bindClaim(upsert, digest, now, expiry);
              return upsert.executeUpdate() == 1;
            }
          }
          try (PreparedStatement insert = jdbc.prepare(connection, sql.insert)) {
            bindClaim(insert, digest, now, expiry);
            return insert.executeUpdate() == 1;
          } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
              throw e;
            }
          }
          try (PreparedStatement takeOver = jdbc.prepare(connection, sql.takeOverExpired)) {
            Jdbc.setInstant(takeOver, 1, now);
            Jdbc.setInstant(takeOver, 2, expiry);
            takeOver.setBytes(3, digest);
            Jdbc.setInstant(takeOver, 4, now);
            return takeOver.executeUpdate() == 1;
          }
        });
  }

  private static void bindClaim(
      PreparedStatement statement, byte[] digest, Instant now, Instant expiry) throws SQLException {
    statement.setBytes(1, digest);
    Jdbc.setInstant(statement, 2, now);
    Jdbc.setInstant(statement, 3, expiry);
  }

  @Override
  public void release(DeliveryKey key) {
    byte[] digest = requireNonNull(key, "key").digest();
    jdbc.run(
        "Releasing a webhook delivery",
        (connection, dialect) -> {
          try (PreparedStatement release = jdbc.prepare(connection, sql.release)) {
            release.setBytes(1, digest);
            return release.executeUpdate();
          }
        });
  }

  /**
   * Deletes the claims whose retention has passed.
   *
   * @return how many it deleted
   */
  public int purgeExpired() {
    Instant now = clock.instant();
    return jdbc.run(
        "Purging expired webhook deliveries",
        (connection, dialect) -> {
          try (PreparedStatement purge = jdbc.prepare(connection, sql.purge)) {
            Jdbc.setInstant(purge, 1, now);
            return purge.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcDeliveryDeduplicator[table=" + jdbc.table() + ", retention=" + retention + "]";
  }

  /**
   * Configures a {@link JdbcDeliveryDeduplicator}. Each setter validates its value and names the
   * setting in its error. Not thread-safe; build once and share the deduplicator.
   */
  public static final class Builder extends TableBuilder<Builder> {
    private Duration retention = DEFAULT_RETENTION;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource) {
      super(dataSource, DEFAULT_TABLE_NAME);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * How long a claim holds: longer than Krebit keeps retrying one delivery; positive; default
     * {@link DeliveryDeduplicator#DEFAULT_RETENTION}.
     */
    public Builder retention(Duration retention) {
      requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new KrebitConfigurationException("retention must be positive; got " + retention);
      }
      this.retention = retention;
      return this;
    }

    /** The clock the retention is measured on; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The deduplicator; with {@code createTableIfMissing(true)} its table exists on return.
     *
     * @throws TokenStoreException if the table had to be created and could not be
     */
    public JdbcDeliveryDeduplicator build() {
      JdbcDeliveryDeduplicator deduplicator = new JdbcDeliveryDeduplicator(this);
      createTableIfAsked(deduplicator.jdbc, Schema.DELIVERIES_SCRIPT);
      return deduplicator;
    }
  }
}
