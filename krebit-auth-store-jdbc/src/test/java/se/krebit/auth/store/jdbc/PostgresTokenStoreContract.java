package se.krebit.auth.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/**
 * The test kit's token store contract on PostgreSQL: one encrypted store in a schema of the test
 * class's own, on a pool of 20 connections, the schema dropped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostgresTokenStoreContract extends TokenStoreContract {
  private final PostgresSchema schema = PostgresSchema.create();
  private final JdbcTokenStore store;

  /**
   * @param applicationName the pool's name in {@code pg_stat_activity}
   * @param autoCommit whether the pool hands out connections in auto-commit mode
   */
  PostgresTokenStoreContract(String applicationName, boolean autoCommit) {
    this.store =
        JdbcTokenStore.builder(schema.pool(applicationName, 20, autoCommit))
            .cipher(TestCiphers.fresh())
            .createTableIfMissing(true)
            .build();
  }

  @AfterAll
  final void dropSchema() {
    schema.close();
  }

  @Override
  protected TokenStore store() {
    return store;
  }
}
