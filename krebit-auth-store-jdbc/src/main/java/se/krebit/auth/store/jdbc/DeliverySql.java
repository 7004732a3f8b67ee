package se.krebit.auth.store.jdbc;

/**
 * The delivery deduplicator's statements for one table. A claim is one statement on PostgreSQL: an
 * insert that, on a conflicting key, takes the row over only if its claim has expired; it changes a
 * row exactly when the claim is won, and the second of two racing inserts waits for the first and
 * then finds its claim live. H2 has no such insert: the claim is an insert, and on SQLState 23505
 * an update of an expired row.
 */
final class DeliverySql {
  final String insert;
  final String takeOverExpired;
  final String release;
  final String purge;
  private final String upsert;

  DeliverySql(String table) {
    insert = "INSERT INTO " + table + " (delivery_key, claimed_at, expires_at) VALUES (?, ?, ?)";
    upsert =
        "INSERT INTO "
            + table
            + " AS claimed (delivery_key, claimed_at, expires_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (delivery_key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at"
            + " WHERE claimed.expires_at <= EXCLUDED.claimed_at";
    takeOverExpired =
        "UPDATE "
            + table
            + " SET claimed_at = ?, expires_at = ? WHERE delivery_key = ? AND expires_at <= ?";
    release = "DELETE FROM " + table + " WHERE delivery_key = ?";
    purge = "DELETE FROM " + table + " WHERE expires_at <= ?";
  }

  /**
   * PostgreSQL's one-statement claim: parameters key, claimed at, expires at; one row changed when
   * won.
   */
  String upsert() {
    return upsert;
  }
}
