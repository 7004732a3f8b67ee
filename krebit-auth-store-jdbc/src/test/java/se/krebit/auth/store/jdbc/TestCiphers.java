package se.krebit.auth.store.jdbc;

import se.krebit.tink.TinkTokenCipher;

/** Ciphers for tests, each on a keyset of its own. */
final class TestCiphers {
  private TestCiphers() {}

  /** A cipher on a new AES-256-GCM keyset. */
  static TinkTokenCipher fresh() {
    return TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson());
  }
}
