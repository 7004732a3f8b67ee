package se.krebit.auth.store.jdbc;

/** Encryption at rest on PostgreSQL. */
class PostgresEncryptionAtRestIT extends EncryptionAtRestContract {
  PostgresEncryptionAtRestIT() {
    super(TestDatabase.postgres("encryption-at-rest", 4));
  }
}
