package se.krebit.auth.store.jdbc;

/**
 * The state repository's statements for one table. Consuming marks the row with a conditional
 * update that reads back what it updated, in one statement: {@code UPDATE … RETURNING} on
 * PostgreSQL, a {@code FINAL TABLE} delta table on H2. Both lock the row, and a second consumer
 * re-checks {@code consumed_at IS NULL} after the first commits, so exactly one sees the row.
 */
final class StateSql {
  final String exists;
  final String purge;
  private final String insert;
  private final String consume;

  StateSql(String table) {
    insert =
        "INSERT INTO "
            + table
            + " (state_hash, key_id, pending_authorization, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    consume =
        "UPDATE " + table + " SET consumed_at = ? WHERE state_hash = ? AND consumed_at IS NULL";
    exists = "SELECT 1 FROM " + table + " WHERE state_hash = ?";
    purge = "DELETE FROM " + table + " WHERE expires_at <= ?";
  }

  /** Inserts a row unless its state exists: no exception on PostgreSQL, SQLState 23505 on H2. */
  String insert(JdbcDialect dialect) {
    return dialect == JdbcDialect.POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
  }

  /** Marks the row consumed, if it was not, and returns its key id and ciphertext. */
  String consume(JdbcDialect dialect) {
    return dialect == JdbcDialect.POSTGRESQL
        ? consume + " RETURNING key_id, pending_authorization"
        : "SELECT key_id, pending_authorization FROM FINAL TABLE (" + consume + ")";
  }
}
