package se.krebit.auth.store.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.testkit.contract.TokenCipherContract;

/**
 * The plaintext "cipher" of {@code allowPlaintextForTests()} against the contract. It meets what a
 * store needs to work (round trips of any size, its one key id refused to others and others'
 * refused to it, nothing leaked in {@code toString()} or errors, thread safety). By design it
 * encrypts and authenticates nothing, so the three cases that ask for that are replaced below by
 * what it does instead: it exists for tests only, and a store with a real cipher refuses its rows
 * by key id.
 */
class PlaintextCipherContractTest extends TokenCipherContract {
  @Override
  protected TokenCipher cipher() {
    return PlaintextCipher.INSTANCE;
  }

  /** Not encrypted by design: the bytes are the plaintext, the same each time. */
  @Test
  @Override
  protected void aCiphertextNeverShowsThePlaintext() {
    Ciphertext sealed = subject().encrypt(plaintext(), associatedData());

    assertThat(sealed.bytes()).isEqualTo(plaintext());
    assertThat(sealed.keyId()).isEqualTo(PlaintextCipher.KEY_ID);
    assertThat(sealed.toString()).doesNotContain(new String(plaintext(), UTF_8));
  }

  /** Not authenticated by design: the associated data is not bound, any record's reads back. */
  @Test
  @Override
  protected void refusesACiphertextPresentedWithOtherAssociatedData() {
    Ciphertext sealed = subject().encrypt(plaintext(), associatedData());

    assertThat(subject().decrypt(sealed, "another row".getBytes(UTF_8))).isEqualTo(plaintext());
  }

  /** Not authenticated by design: altered bytes read back altered; only the key id is checked. */
  @Test
  @Override
  protected void refusesAnAlteredCiphertext() {
    byte[] altered = plaintext();
    altered[0] ^= 0x01;

    assertThat(subject().decrypt(new Ciphertext(PlaintextCipher.KEY_ID, altered), associatedData()))
        .isEqualTo(altered);
    refused(
        () ->
            subject().decrypt(new Ciphertext("vault-transit:k:v1", plaintext()), associatedData()));
  }
}
