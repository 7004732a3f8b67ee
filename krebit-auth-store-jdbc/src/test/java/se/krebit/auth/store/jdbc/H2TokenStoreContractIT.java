package se.krebit.auth.store.jdbc;

import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/** The test kit's token store contract on an embedded H2 database, encrypted. */
class H2TokenStoreContractIT extends TokenStoreContract {
  private static final JdbcTokenStore STORE =
      JdbcTokenStore.builder(H2Database.create())
          .cipher(TestCiphers.fresh())
          .createTableIfMissing(true)
          .build();

  @Override
  protected TokenStore store() {
    return STORE;
  }
}
