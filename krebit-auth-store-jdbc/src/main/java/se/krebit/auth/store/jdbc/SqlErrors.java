package se.krebit.auth.store.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.TokenStoreException;

/**
 * Turns a driver's {@link SQLException} into the port's {@link TokenStoreException}, retryable when
 * the database is unreachable or busy and trying again may succeed. The message names the
 * operation, the table and the SQLState; the driver's own message stays in the cause, and no token
 * ever reaches a statement in plaintext, so none can appear in either.
 */
final class SqlErrors {
  /**
   * SQLState classes of outages: connection (08), rollback (40), resources (53), operator (57),
   * system (58).
   */
  private static final Set<String> RETRYABLE_CLASSES = Set.of("08", "40", "53", "57", "58");

  /**
   * Timeouts, and H2's own states for broken connections, a closed database and concurrent updates.
   */
  private static final Set<String> RETRYABLE_STATES =
      Set.of("HYT00", "HYT01", "90067", "90098", "90121", "90131");

  private static final Set<String> UNDEFINED_TABLE = Set.of("42P01", "42S02", "42102");

  private SqlErrors() {}

  static TokenStoreException translate(String operation, String table, SQLException e) {
    String state = stateOf(e);
    StringBuilder message =
        new StringBuilder(operation)
            .append(" failed on table ")
            .append(table)
            .append(" (SQLState ")
            .append(state == null ? "none" : state)
            .append(")");
    if (state != null && UNDEFINED_TABLE.contains(state)) {
      message.append(
          ": the table does not exist; run the schema scripts under db/krebit/ or build the store"
              + " with createTableIfMissing(true)");
    }
    return new TokenStoreException(message.toString(), isRetryable(e), e);
  }

  static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (RETRYABLE_STATES.contains(state)
            || (state.length() >= 2 && RETRYABLE_CLASSES.contains(state.substring(0, 2)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code e} says a row with the same key exists already. */
  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static @Nullable String stateOf(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
