package se.krebit.auth.store.jdbc;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Throwaway in-memory H2 databases, one per call, alive until the JVM exits. */
final class H2Database {
  private H2Database() {}

  /** A new, empty in-memory database. */
  static DataSource create() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:krebit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}
