package se.krebit.auth.store.jdbc;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.DeliveryDeduplicatorContract;
import se.krebit.webhooks.spi.DeliveryKey;

/** The test kit's delivery deduplicator contract on PostgreSQL, claims racing on 16 connections. */
class PostgresDeliveryDeduplicatorContractIT extends DeliveryDeduplicatorContract {
  private static PostgresSchema schema;
  private static DataSource pool;

  @BeforeAll
  static void createSchema() {
    schema = PostgresSchema.create();
    pool = schema.pool("delivery-deduplicator-contract", 20);
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Override
  protected Claims claims(SettableClock clock, Duration retention) {
    JdbcDeliveryDeduplicator dedup =
        JdbcDeliveryDeduplicator.builder(pool)
            .clock(clock)
            .retention(retention)
            .createTableIfMissing(true)
            .build();
    return Claims.of(
        key -> dedup.claim(DeliveryKey.ofDeliveryId(key)),
        key -> dedup.release(DeliveryKey.ofDeliveryId(key)));
  }
}
