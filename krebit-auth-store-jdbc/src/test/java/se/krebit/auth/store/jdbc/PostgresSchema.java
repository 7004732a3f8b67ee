package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own for one test class in the test PostgreSQL server, with pools whose
 * connections use it, dropped with everything in it on {@link #close()}.
 */
final class PostgresSchema implements AutoCloseable {
  private final PostgresServer server = PostgresServer.get();
  private final String name;
  private final List<HikariDataSource> pools = new ArrayList<>();

  private PostgresSchema(String name) {
    this.name = name;
  }

  /** A new, empty schema. */
  static PostgresSchema create() {
    PostgresSchema schema =
        new PostgresSchema(
            "krebit_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    schema.execute("CREATE SCHEMA " + schema.name);
    return schema;
  }

  String name() {
    return name;
  }

  PostgresServer server() {
    return server;
  }

  /**
   * A connection pool on this schema; {@code applicationName} shows in {@code pg_stat_activity}, so
   * a test can find (and terminate) this pool's backends.
   */
  HikariDataSource pool(String applicationName, int size) {
    return pool(applicationName, size, true);
  }

  /** A pool whose connections are in auto-commit mode or, when {@code autoCommit} is false, not. */
  HikariDataSource pool(String applicationName, int size, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setAutoCommit(autoCommit);
    config.setJdbcUrl(server.url);
    config.setUsername(server.user);
    config.setPassword(server.password);
    config.setSchema(name);
    config.setPoolName(applicationName);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.addDataSourceProperty("ApplicationName", applicationName);
    HikariDataSource pool = new HikariDataSource(config);
    synchronized (pools) {
      pools.add(pool);
    }
    return pool;
  }

  /** Runs {@code sql} on a connection of its own, outside any pool. */
  void execute(String sql) {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql.toLowerCase(Locale.ROOT), e);
    }
  }

  @Override
  public void close() {
    synchronized (pools) {
      pools.forEach(HikariDataSource::close);
    }
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }
}
