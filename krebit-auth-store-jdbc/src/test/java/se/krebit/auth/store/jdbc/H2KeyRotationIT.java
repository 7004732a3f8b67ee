package se.krebit.auth.store.jdbc;

/** Key rotation on H2. */
class H2KeyRotationIT extends KeyRotationContract {
  H2KeyRotationIT() {
    super(TestDatabase.h2());
  }
}
