package se.krebit.auth.store.jdbc;

import java.time.Duration;
import javax.sql.DataSource;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.DeliveryDeduplicatorContract;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * The test kit's delivery deduplicator contract on {@link JdbcDeliveryDeduplicator}, per database.
 */
abstract class JdbcDeliveryDeduplicatorContract extends DeliveryDeduplicatorContract {
  /** Where the deduplicator's table is made: one database for the whole test class. */
  abstract DataSource database();

  @Override
  protected Claims claims(SettableClock clock, Duration retention) {
    JdbcDeliveryDeduplicator dedup =
        JdbcDeliveryDeduplicator.builder(database())
            .clock(clock)
            .retention(retention)
            .createTableIfMissing(true)
            .build();
    return Claims.of(
        key -> dedup.claim(DeliveryKey.ofDeliveryId(key)),
        key -> dedup.release(DeliveryKey.ofDeliveryId(key)));
  }
}
