package se.krebit.auth.store.jdbc;

/** Key rotation on PostgreSQL. */
class PostgresKeyRotationIT extends KeyRotationContract {
  PostgresKeyRotationIT() {
    super(TestDatabase.postgres("key-rotation", 4));
  }
}
