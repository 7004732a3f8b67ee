package se.krebit.auth.store.jdbc;

import se.krebit.auth.TokenKey;

/**
 * What each ciphertext is bound to, so that bytes copied into another row, or an older version of
 * the same row, fail to decrypt. The purpose label keeps the two tables' ciphertexts apart and does
 * not depend on the configured table names, so a renamed table stays readable.
 */
final class AssociatedData {
  private static final String TOKEN_RECORD = "krebit token record v1";
  private static final String PENDING_AUTHORIZATION = "krebit pending authorization v1";

  private AssociatedData() {}

  /** A token record's identity and the version it is written as. */
  static byte[] tokenRecord(TokenKey key, long version) {
    return new Binary.Writer()
        .writeString(TOKEN_RECORD)
        .writeString(key.tenant())
        .writeString(key.clientId())
        .writeString(key.subject())
        .writeLong(version)
        .toByteArray();
  }

  /** A pending authorization's identity: the hash of its state. */
  static byte[] pendingAuthorization(byte[] stateHash) {
    return new Binary.Writer()
        .writeString(PENDING_AUTHORIZATION)
        .writeBytes(stateHash)
        .toByteArray();
  }
}
