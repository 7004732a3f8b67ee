package se.krebit.auth.store.jdbc;

/** Encryption at rest on H2. */
class H2EncryptionAtRestIT extends EncryptionAtRestContract {
  H2EncryptionAtRestIT() {
    super(TestDatabase.h2());
  }
}
