package se.krebit.auth.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.StateRepositoryContract;
import se.krebit.tink.TinkTokenCipher;

/**
 * The test kit's state repository contract on PostgreSQL, encrypted, callbacks racing on 16
 * connections.
 */
class PostgresStateRepositoryContractIT extends StateRepositoryContract {
  private static final TinkTokenCipher CIPHER = TestCiphers.fresh();
  private static PostgresSchema schema;
  private static DataSource pool;

  @BeforeAll
  static void createSchema() {
    schema = PostgresSchema.create();
    pool = schema.pool("state-repository-contract", 20);
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Override
  protected StateRepository repository(SettableClock clock) {
    return JdbcStateRepository.builder(pool)
        .cipher(CIPHER)
        .clock(clock)
        .createTableIfMissing(true)
        .build();
  }
}
