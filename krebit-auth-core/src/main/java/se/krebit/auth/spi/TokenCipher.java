package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import se.krebit.auth.TokenStoreException;

/**
 * Encrypts token material before a store writes it, with an AEAD whose associated data binds each
 * ciphertext to its record: a ciphertext copied into another record fails to decrypt. Keys rotate
 * by id: new ciphertexts use {@link #currentKeyId()}, old ones stay readable while their key is
 * kept.
 *
 * <p>Implementations are thread-safe and never log plaintext, keys or ciphertext.
 */
public interface TokenCipher {
  /**
   * The id of the key new ciphertexts are made with; records under another id are due for
   * re-encryption.
   */
  String currentKeyId();

  /** Encrypts {@code plaintext} with the current key, bound to {@code associatedData}. */
  Ciphertext encrypt(byte[] plaintext, byte[] associatedData);

  /**
   * Decrypts {@code ciphertext} made for {@code associatedData}.
   *
   * @throws TokenStoreException (not retryable) if the ciphertext was tampered with, belongs to
   *     another record, or its key is unknown
   */
  byte[] decrypt(Ciphertext ciphertext, byte[] associatedData);

  /**
   * Encrypted bytes and the id of the key that made them.
   *
   * @param keyId the key's id, stored beside the bytes
   * @param bytes the ciphertext, authentication tag included
   */
  record Ciphertext(String keyId, byte[] bytes) {
    /** Copies {@code bytes}: changing the given array later does not change this ciphertext. */
    public Ciphertext {
      requireNonNull(keyId, "keyId");
      bytes = requireNonNull(bytes, "bytes").clone();
    }

    /** A copy of the ciphertext, so that no caller can change what another one reads. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object other) {
      return other instanceof Ciphertext that
          && keyId.equals(that.keyId)
          && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Ciphertext[keyId=" + keyId + ", " + bytes.length + " bytes]";
    }
  }
}
