package se.krebit.auth.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The test kit's delivery deduplicator contract on PostgreSQL, claims racing on 16 connections. */
class PostgresDeliveryDeduplicatorContractIT extends JdbcDeliveryDeduplicatorContract {
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
  DataSource database() {
    return pool;
  }
}
