package se.krebit.auth.store.jdbc;

import javax.sql.DataSource;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.StateRepositoryContract;
import se.krebit.tink.TinkTokenCipher;

/** The test kit's state repository contract on an embedded H2 database, encrypted. */
class H2StateRepositoryContractIT extends StateRepositoryContract {
  private static final DataSource DATABASE = H2Database.create();
  private static final TinkTokenCipher CIPHER = TestCiphers.fresh();

  @Override
  protected StateRepository repository(SettableClock clock) {
    return JdbcStateRepository.builder(DATABASE)
        .cipher(CIPHER)
        .clock(clock)
        .createTableIfMissing(true)
        .build();
  }
}
