package se.krebit.auth.store.jdbc;

import java.time.Duration;
import javax.sql.DataSource;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.DeliveryDeduplicatorContract;
import se.krebit.webhooks.spi.DeliveryKey;

/** The test kit's delivery deduplicator contract on an embedded H2 database. */
class H2DeliveryDeduplicatorContractIT extends DeliveryDeduplicatorContract {
  private static final DataSource DATABASE = H2Database.create();

  @Override
  protected Claims claims(SettableClock clock, Duration retention) {
    JdbcDeliveryDeduplicator dedup =
        JdbcDeliveryDeduplicator.builder(DATABASE)
            .clock(clock)
            .retention(retention)
            .createTableIfMissing(true)
            .build();
    return Claims.of(
        key -> dedup.claim(DeliveryKey.ofDeliveryId(key)),
        key -> dedup.release(DeliveryKey.ofDeliveryId(key)));
  }
}
