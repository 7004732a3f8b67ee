package se.krebit.auth.store.jdbc;

/**
 * The token store's statements for one table. All standard SQL but creation: PostgreSQL skips a
 * duplicate with {@code ON CONFLICT DO NOTHING}, H2 reports it as SQLState 23505 and the store
 * reads that as "someone created it first".
 */
final class TokenSql {
  private static final String KEY = " WHERE tenant = ? AND client_id = ? AND subject = ?";
  private static final String COLUMNS =
      "version, key_id, token_record, access_expires_at, refresh_lease_owner, refresh_lease_expires_at,"
          + " reauthorization_required";

  final String load;
  final String update;
  final String delete;
  final String reencryptBatch;
  final String reencryptRow;
  final String countNotUnderKey;
  private final String insert;

  TokenSql(String table) {
    load = "SELECT version, key_id, token_record FROM " + table + KEY;
    insert =
        "INSERT INTO "
            + table
            + " (tenant, client_id, subject, "
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    update =
        "UPDATE "
            + table
            + " SET version = ?, key_id = ?, token_record = ?, access_expires_at = ?,"
            + " refresh_lease_owner = ?, refresh_lease_expires_at = ?, reauthorization_required = ?"
            + KEY
            + " AND version = ?";
    delete = "DELETE FROM " + table + KEY;
    reencryptBatch =
        "SELECT tenant, client_id, subject, version, key_id, token_record FROM "
            + table
            + " WHERE key_id <> ? AND (tenant, client_id, subject) > (?, ?, ?)"
            + " ORDER BY tenant, client_id, subject LIMIT ?";
    reencryptRow =
        "UPDATE "
            + table
            + " SET key_id = ?, token_record = ?"
            + KEY
            + " AND version = ? AND key_id = ?";
    countNotUnderKey = "SELECT COUNT(*) FROM " + table + " WHERE key_id <> ?";
  }

  /** Inserts a row unless its key exists: no exception on PostgreSQL, SQLState 23505 on H2. */
  String insert(JdbcDialect dialect) {
    return dialect == JdbcDialect.POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
  }
}
