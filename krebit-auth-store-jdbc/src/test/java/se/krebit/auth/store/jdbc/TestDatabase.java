package se.krebit.auth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.spi.TokenCipher;

/**
 * A database for one test class, H2 or PostgreSQL, with raw SQL access for looking behind the
 * store's back: reading what is really in the table, or planting what an attacker would.
 */
final class TestDatabase implements AutoCloseable {
  private final JdbcDialect dialect;
  private final DataSource dataSource;
  private final @Nullable PostgresSchema schema;

  private TestDatabase(
      JdbcDialect dialect, DataSource dataSource, @Nullable PostgresSchema schema) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.schema = schema;
  }

  static TestDatabase h2() {
    return new TestDatabase(JdbcDialect.H2, H2Database.create(), null);
  }

  /** A schema of its own in the test PostgreSQL server, with a pool of {@code poolSize}. */
  static TestDatabase postgres(String applicationName, int poolSize) {
    PostgresSchema schema = PostgresSchema.create();
    return new TestDatabase(JdbcDialect.POSTGRESQL, schema.pool(applicationName, poolSize), schema);
  }

  static TestDatabase of(JdbcDialect dialect) {
    return dialect == JdbcDialect.H2 ? h2() : postgres("krebit-test", 20);
  }

  JdbcDialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** A token store on this database that makes its table if missing. */
  JdbcTokenStore tokenStore(TokenCipher cipher) {
    return JdbcTokenStore.builder(dataSource).cipher(cipher).createTableIfMissing(true).build();
  }

  /** A state repository on this database, on {@code clock}, that makes its table if missing. */
  JdbcStateRepository stateRepository(TokenCipher cipher, Clock clock) {
    return JdbcStateRepository.builder(dataSource)
        .cipher(cipher)
        .clock(clock)
        .createTableIfMissing(true)
        .build();
  }

  /** Runs an update with parameters; the number of rows changed. */
  int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs a query with parameters; every row as column label (lower case) to value. */
  List<Map<String, Object>> query(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      ResultSetMetaData meta = rows.getMetaData();
      List<Map<String, Object>> result = new ArrayList<>();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  @Override
  public void close() {
    if (schema != null) {
      schema.close();
    }
  }
}
