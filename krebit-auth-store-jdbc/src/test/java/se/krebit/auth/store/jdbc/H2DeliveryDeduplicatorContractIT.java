package se.krebit.auth.store.jdbc;

import javax.sql.DataSource;

/** The test kit's delivery deduplicator contract on an embedded H2 database. */
class H2DeliveryDeduplicatorContractIT extends JdbcDeliveryDeduplicatorContract {
  private static final DataSource DATABASE = H2Database.create();

  @Override
  DataSource database() {
    return DATABASE;
  }
}
