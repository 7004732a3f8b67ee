package se.krebit.auth.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped schema scripts, and running one for the opt-in create-if-missing. The scripts create
 * only what is missing ({@code IF NOT EXISTS}), so running one against a database where Flyway or a
 * node already ran it changes nothing.
 */
final class Schema {
  static final String TOKENS_SCRIPT = "V1__krebit_tokens.sql";
  static final String STATES_SCRIPT = "V2__krebit_pending_authorizations.sql";
  static final String DELIVERIES_SCRIPT = "V3__krebit_webhook_deliveries.sql";

  private Schema() {}

  /**
   * Runs {@code script} of the connection's dialect, with the table the script creates as {@code
   * defaultTable} renamed to {@code table} (its constraints and indexes renamed alike).
   */
  static void create(Jdbc jdbc, String script, String defaultTable, String table) {
    jdbc.run(
        "Creating the table",
        (connection, dialect) -> {
          List<String> statements = statements(rename(text(dialect, script), defaultTable, table));
          try {
            execute(connection, statements);
          } catch (SQLException e) {
            // Two nodes creating at once can collide in PostgreSQL's catalog; the table is there
            // all the same.
            if (!exists(connection, table)) {
              throw e;
            }
          }
          return null;
        });
  }

  static String text(JdbcDialect dialect, String script) {
    String resource = dialect.schemaLocation() + "/" + script;
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema script " + resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read schema script " + resource, e);
    }
  }

  /**
   * The script with {@code defaultTable} as {@code table}, and {@code defaultTable_x} names as
   * {@code unqualified_x}.
   */
  static String rename(String script, String defaultTable, String table) {
    String derived =
        Pattern.compile("\\b" + defaultTable + "_(\\w+)")
            .matcher(script)
            .replaceAll(Matcher.quoteReplacement(TableName.unqualified(table)) + "_$1");
    return Pattern.compile("\\b" + defaultTable + "\\b")
        .matcher(derived)
        .replaceAll(Matcher.quoteReplacement(table));
  }

  /** The statements of a script: comment lines dropped, split at semicolons. */
  static List<String> statements(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : sql.toString().split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static boolean exists(Connection connection, String table) {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
