package se.krebit.auth.store.jdbc;

import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher;

/**
 * No encryption at all, for tests that opted in with {@code allowPlaintextForTests()}. Its rows
 * carry the key id {@value #KEY_ID}, which no real cipher accepts, so a store with a real cipher
 * refuses plaintext rows instead of trusting whatever was written into them.
 */
final class PlaintextCipher implements TokenCipher {
  static final String KEY_ID = "plaintext";
  static final PlaintextCipher INSTANCE = new PlaintextCipher();

  private PlaintextCipher() {}

  /**
   * The cipher a store builder was given, else this plaintext cipher if the builder allowed it for
   * tests, announced by {@code warning}.
   *
   * @throws KrebitConfigurationException with {@code refusal} if neither
   */
  static TokenCipher unlessCipher(
      @Nullable TokenCipher cipher, boolean plaintextAllowed, String refusal, Runnable warning) {
    if (cipher != null) {
      return cipher;
    }
    if (!plaintextAllowed) {
      throw new KrebitConfigurationException(refusal);
    }
    warning.run();
    return INSTANCE;
  }

  @Override
  public String currentKeyId() {
    return KEY_ID;
  }

  @Override
  public Ciphertext encrypt(byte[] plaintext, byte[] associatedData) {
    return new Ciphertext(KEY_ID, plaintext);
  }

  @Override
  public byte[] decrypt(Ciphertext ciphertext, byte[] associatedData) {
    if (!ciphertext.keyId().equals(KEY_ID)) {
      throw new TokenStoreException(
          "A row is encrypted under key "
              + ciphertext.keyId()
              + " but this store was built without a cipher",
          false,
          null);
    }
    return ciphertext.bytes();
  }

  @Override
  public String toString() {
    return "PlaintextCipher[for tests only]";
  }
}
