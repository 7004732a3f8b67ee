package se.krebit.auth.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/** The test kit's token store contract on PostgreSQL, encrypted, writers racing on 16 connections. */
class PostgresTokenStoreContractIT extends TokenStoreContract {
  private static PostgresSchema schema;
  private static JdbcTokenStore store;

  @BeforeAll
  static void createStore() {
    schema = PostgresSchema.create();
    store = JdbcTokenStore.builder(schema.pool("token-store-contract", 20))
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
