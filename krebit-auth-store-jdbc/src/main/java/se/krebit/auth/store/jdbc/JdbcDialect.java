package se.krebit.auth.store.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import se.krebit.auth.KrebitConfigurationException;

/**
 * The databases the JDBC store speaks. Each has its own schema scripts and its own way of writing a
 * row only if it is absent and of consuming a row exactly once; everything else is standard SQL.
 */
public enum JdbcDialect {
  /** H2 2.x, embedded or server: the embedded default. */
  H2("h2"),
  /** PostgreSQL 12 or later. */
  POSTGRESQL("postgresql");

  private final String directory;

  JdbcDialect(String directory) {
    this.directory = directory;
  }

  /**
   * The class-path folder of this dialect's schema scripts, such as {@code db/krebit/postgresql}:
   * add it to Flyway's locations, or run its scripts in order.
   */
  public String schemaLocation() {
    return "db/krebit/" + directory;
  }

  /**
   * The dialect of the database behind {@code metaData}.
   *
   * @throws KrebitConfigurationException if it is neither H2 nor PostgreSQL
   */
  static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName();
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.equals("h2")) {
      return H2;
    }
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new KrebitConfigurationException(
        "the JDBC token store supports H2 and PostgreSQL; the data source is " + product);
  }
}
