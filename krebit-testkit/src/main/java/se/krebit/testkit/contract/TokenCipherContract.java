package se.krebit.testkit.contract;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;

/**
 * What every {@link TokenCipher} must do: give back exactly what it encrypted, for any payload from
 * empty to large; refuse, with a non-retryable {@link TokenStoreException}, a ciphertext presented
 * with other associated data, altered, or labelled with a key it doesn't have; write under a new
 * key after rotation while still reading the old; and never show the plaintext in a ciphertext, a
 * {@code toString()} or an exception message.
 *
 * <pre>{@code
 * class MyCipherContractTest extends TokenCipherContract {
 *   @Override
 *   protected TokenCipher cipher() {
 *     return new MyCipher(testKey());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #cipher()} is called once per test, from inside the test (so fields a subclass sets up
 * in its own {@code @BeforeEach}, such as a server, are ready). A case that can't hold for a cipher
 * by design is overridden in its suite with a test of what it does instead, and the reason.
 */
public abstract class TokenCipherContract {
  /** A payload shaped like what stores encrypt: a refresh token in JSON. */
  private static final String MARKER = "rt-contract-9f2c41d7";

  private static final byte[] PLAIN = ("{\"refresh_token\":\"" + MARKER + "\"}").getBytes(UTF_8);
  private static final byte[] ROW = "tenant|client|alice".getBytes(UTF_8);

  /**
   * Far larger than any token set, so that no size limit of the cipher's transport hides in normal
   * use.
   */
  private static final int LARGE = 256 * 1024;

  private @Nullable TokenCipher cipher;

  /** The cipher to test, with a key of its own. */
  protected abstract TokenCipher cipher();

  /**
   * Rotates the key of {@code cipher} and returns the cipher to use afterwards: a new one over the
   * rotated keyset, or the same one when it follows a key kept elsewhere (as Vault Transit's does).
   * Empty, the default, for a cipher without rotation: the suite then checks that its key id stays
   * put.
   */
  protected Optional<TokenCipher> rotated(TokenCipher cipher) {
    return Optional.empty();
  }

  /** The cipher of this test, made on first use. */
  protected final TokenCipher subject() {
    if (cipher == null) {
      cipher = cipher();
    }
    return cipher;
  }

  /** What {@link #subject()} encrypts in the cases below. */
  protected static byte[] plaintext() {
    return PLAIN.clone();
  }

  /** The associated data of the cases below. */
  protected static byte[] associatedData() {
    return ROW.clone();
  }

  @Test
  protected void decryptsWhatItEncryptedUnderTheCurrentKey() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);

    assertEquals(subject().currentKeyId(), sealed.keyId());
    assertArrayEquals(PLAIN, subject().decrypt(sealed, ROW));
  }

  @Test
  protected void roundTripsAnEmptyPayloadAndEmptyAssociatedData() {
    assertArrayEquals(new byte[0], subject().decrypt(subject().encrypt(new byte[0], ROW), ROW));
    assertArrayEquals(PLAIN, subject().decrypt(subject().encrypt(PLAIN, new byte[0]), new byte[0]));
  }

  @Test
  protected void roundTripsALargePayloadOfEveryByteValue() {
    byte[] large = new byte[LARGE];
    new Random(18).nextBytes(large);
    for (int i = 0; i < 256; i++) {
      large[i] = (byte) i;
    }

    assertArrayEquals(large, subject().decrypt(subject().encrypt(large, ROW), ROW));
  }

  @Test
  protected void keepsNoReferenceToTheCallersArrays() {
    byte[] plain = plaintext();
    Ciphertext sealed = subject().encrypt(plain, ROW);
    plain[0] ^= 1;

    byte[] opened = subject().decrypt(sealed, ROW);
    assertArrayEquals(PLAIN, opened);
    opened[0] ^= 1;
    assertArrayEquals(PLAIN, subject().decrypt(sealed, ROW));
  }

  @Test
  protected void aCiphertextNeverShowsThePlaintext() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);

    assertFalse(
        contains(sealed.bytes(), MARKER.getBytes(UTF_8)), "the ciphertext holds the plaintext");
    assertNotEquals(
        sealed,
        subject().encrypt(PLAIN, ROW),
        "two encryptions of one value are alike: no fresh nonce");
  }

  @Test
  protected void refusesACiphertextPresentedWithOtherAssociatedData() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);

    refused(() -> subject().decrypt(sealed, "tenant|client|mallory".getBytes(UTF_8)));
    refused(() -> subject().decrypt(sealed, new byte[0]));
  }

  @Test
  protected void refusesAnAlteredCiphertext() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);
    byte[] bytes = sealed.bytes();

    for (int position : new int[] {0, bytes.length / 2, bytes.length - 1}) {
      byte[] altered = bytes.clone();
      altered[position] ^= 0x01;
      refused(() -> subject().decrypt(new Ciphertext(sealed.keyId(), altered), ROW));
    }
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
    refused(() -> subject().decrypt(new Ciphertext(sealed.keyId(), truncated), ROW));
  }

  @Test
  protected void refusesACiphertextUnderAKeyItDoesNotHave() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);

    refused(
        () ->
            subject()
                .decrypt(new Ciphertext("no-such-key-" + sealed.keyId(), sealed.bytes()), ROW));
  }

  @Test
  protected void afterRotationWritesUnderTheNewKeyAndStillReadsTheOld() {
    TokenCipher before = subject();
    String oldKey = before.currentKeyId();
    Ciphertext old = before.encrypt(PLAIN, ROW);

    Optional<TokenCipher> rotated = rotated(before);

    if (rotated.isEmpty()) {
      assertEquals(oldKey, before.currentKeyId(), "a cipher without rotation changed its key id");
      assertEquals(oldKey, before.encrypt(PLAIN, ROW).keyId());
      return;
    }
    TokenCipher after = rotated.get();
    assertNotEquals(oldKey, after.currentKeyId(), "rotation kept the key id");
    Ciphertext fresh = after.encrypt(PLAIN, ROW);
    assertEquals(after.currentKeyId(), fresh.keyId());
    assertArrayEquals(
        PLAIN, after.decrypt(old, ROW), "the rotated cipher can't read what the old key wrote");
    assertArrayEquals(PLAIN, after.decrypt(fresh, ROW));
    refused(() -> after.decrypt(new Ciphertext(fresh.keyId(), old.bytes()), ROW));
  }

  @Test
  protected void neitherToStringNorRefusalsShowThePlaintext() {
    Ciphertext sealed = subject().encrypt(PLAIN, ROW);

    assertFalse(subject().toString().contains(MARKER), "toString() shows the plaintext");
    assertFalse(
        sealed.toString().contains(MARKER), "the ciphertext's toString() shows the plaintext");
    // Every refusal in the cases above is checked the same way, by refused(...).
    refused(() -> subject().decrypt(new Ciphertext("no-such-key", PLAIN), ROW));
  }

  @Test
  protected void isSafeForConcurrentUse() throws Exception {
    TokenCipher shared = subject();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> rounds = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        byte[] plain = ("payload of thread " + t).getBytes(UTF_8);
        byte[] row = ("row of thread " + t).getBytes(UTF_8);
        rounds.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    assertArrayEquals(plain, shared.decrypt(shared.encrypt(plain, row), row));
                  }
                  return null;
                }));
      }
      for (Future<?> round : rounds) {
        round.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Asserts that {@code call} fails with a non-retryable {@link TokenStoreException} that shows the
   * cases' plaintext nowhere: not in its message, its causes' or their {@code toString()}.
   */
  protected static void refused(Executable call) {
    TokenStoreException e = assertThrows(TokenStoreException.class, call);
    assertFalse(e.isRetryable(), () -> "a refused ciphertext is reported retryable: " + e);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = t + " " + t.getMessage();
      assertFalse(text.contains(MARKER), () -> "an exception shows the plaintext: " + e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    // ISO-8859-1 maps each byte to one char, so this is a byte search.
    return new String(haystack, ISO_8859_1).contains(new String(needle, ISO_8859_1));
  }
}
