package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;

/**
 * One table's access to the database: borrows a connection per operation, runs it, commits when the
 * pool hands out connections without auto-commit, and translates failures. Learns the dialect from
 * the first connection unless it was configured. Thread-safe.
 */
final class Jdbc {
  private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

  /** Work on one borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection, JdbcDialect dialect) throws SQLException;
  }

  private final DataSource dataSource;
  private final String table;
  private final int queryTimeoutSeconds;
  private volatile @Nullable JdbcDialect dialect;

  Jdbc(DataSource dataSource, String table, @Nullable JdbcDialect dialect, Duration queryTimeout) {
    this.dataSource = dataSource;
    this.table = table;
    this.dialect = dialect;
    this.queryTimeoutSeconds =
        (int) Math.min(Integer.MAX_VALUE, Math.max(1, queryTimeout.toSeconds()));
  }

  String table() {
    return table;
  }

  /**
   * A query timeout a builder was given: whole seconds are what JDBC knows, so at least 1 second.
   *
   * @throws se.krebit.auth.KrebitConfigurationException if it is shorter
   */
  static Duration checkQueryTimeout(Duration queryTimeout) {
    requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new KrebitConfigurationException(
          "queryTimeout must be at least 1 second; got " + queryTimeout);
    }
    return queryTimeout;
  }

  /**
   * Runs {@code work} on a connection of its own, as one transaction.
   *
   * @throws se.krebit.auth.TokenStoreException naming {@code operation} if the database fails
   */
  <T> T run(String operation, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean ownTransaction = !connection.getAutoCommit();
      try {
        T result = work.run(connection, dialect(connection));
        if (ownTransaction) {
          connection.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        if (ownTransaction) {
          rollback(connection, e);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, table, e);
    }
  }

  PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      statement.setQueryTimeout(queryTimeoutSeconds);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private JdbcDialect dialect(Connection connection) throws SQLException {
    JdbcDialect known = dialect;
    if (known == null) {
      known = JdbcDialect.of(connection.getMetaData());
      dialect = known;
    }
    return known;
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
      LOG.debug("Rolling back after a failure failed too", e);
    }
  }

  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(
        index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant)
      throws SQLException {
    if (instant.isPresent()) {
      setInstant(statement, index, instant.get());
    } else {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }
}
