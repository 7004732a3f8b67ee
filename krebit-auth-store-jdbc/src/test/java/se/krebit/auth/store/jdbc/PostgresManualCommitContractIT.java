package se.krebit.auth.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/**
 * The token store contract on PostgreSQL through a pool that hands out connections with auto-commit
 * off, as some application servers do: the store commits its own work.
 */
class PostgresManualCommitContractIT extends TokenStoreContract {
  private static PostgresSchema schema;
  private static JdbcTokenStore store;

  @BeforeAll
  static void createStore() {
    schema = PostgresSchema.create();
    store = JdbcTokenStore.builder(schema.pool("manual-commit", 20, false))
        .cipher(TestCiphers.fresh())
        .createTableIfMissing(true)
        .build();
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Override
  protected TokenStore store() {
    return store;
  }
}
