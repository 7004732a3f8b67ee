package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.FakeVaultServer;

/** The Transit cipher on its own: round trips, associated data, tampering, key versions, errors. */
class VaultTransitCipherIT {
  @RegisterExtension
  final FakeVaultExtension vault = FakeVaultExtension.builder().transitKey("krebit-tokens").build();

  private static final byte[] PLAIN = "{\"access_token\":\"at-1\"}".getBytes(UTF_8);
  private static final byte[] ROW = "tenant|client|alice|v3".getBytes(UTF_8);

  private VaultTransitCipher cipher(FakeVaultServer server) {
    return VaultTransitCipher.builder(TestVaults.root(server)).key("krebit-tokens").build();
  }

  private static void refusedPermanently(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse());
  }

  @Test
  void roundTripsWithTheCurrentKeyVersion(FakeVaultServer server) {
    VaultTransitCipher cipher = cipher(server);

    Ciphertext sealed = cipher.encrypt(PLAIN, ROW);

    assertThat(sealed.keyId())
        .isEqualTo("vault-transit:krebit-tokens:v1")
        .isEqualTo(cipher.currentKeyId());
    assertThat(new String(sealed.bytes(), UTF_8)).startsWith("vault:v1:").doesNotContain("at-1");
    assertThat(cipher.decrypt(sealed, ROW)).isEqualTo(PLAIN);
    assertThat(cipher.encrypt(PLAIN, ROW)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(server.journal().count("POST", "transit/encrypt/krebit-tokens")).isEqualTo(2);
  }

  @Test
  void theAssociatedDataIsBoundToTheCiphertext(FakeVaultServer server) {
    VaultTransitCipher cipher = cipher(server);
    Ciphertext sealed = cipher.encrypt(PLAIN, ROW);

    refusedPermanently(() -> cipher.decrypt(sealed, "tenant|client|mallory|v3".getBytes(UTF_8)));
    refusedPermanently(() -> cipher.decrypt(sealed, new byte[0]));
    assertThat(cipher.decrypt(cipher.encrypt(PLAIN, new byte[0]), new byte[0])).isEqualTo(PLAIN);
  }

  @Test
  void alteredCiphertextsAndKeyIdsAreRefused(FakeVaultServer server) {
    VaultTransitCipher cipher = cipher(server);
    Ciphertext sealed = cipher.encrypt(PLAIN, ROW);
    String text = new String(sealed.bytes(), UTF_8);
    char last = text.charAt(text.length() - 3);
    String flipped =
        text.substring(0, text.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + text.substring(text.length() - 2);

    refusedPermanently(
        () -> cipher.decrypt(new Ciphertext(sealed.keyId(), flipped.getBytes(UTF_8)), ROW));
    refusedPermanently(
        () ->
            cipher.decrypt(new Ciphertext("vault-transit:krebit-tokens:v2", sealed.bytes()), ROW));
    refusedPermanently(
        () -> cipher.decrypt(new Ciphertext("vault-transit:other-key:v1", sealed.bytes()), ROW));
    refusedPermanently(
        () ->
            cipher.decrypt(
                new Ciphertext(sealed.keyId(), "not a ciphertext".getBytes(UTF_8)), ROW));
    assertThat(server.journal().count("POST", "transit/decrypt/"))
        .as("only the flipped one reached Vault")
        .isEqualTo(1);
  }

  @Test
  void rotatingTheKeyInVaultMovesNewCiphertextsToTheNewVersionAndKeepsOldOnesReadable(
      FakeVaultServer server) {
    VaultTransitCipher cipher = cipher(server);
    Ciphertext old = cipher.encrypt(PLAIN, ROW);

    assertThat(server.transitRotate("transit", "krebit-tokens")).isEqualTo(2);

    assertThat(cipher.currentKeyId()).isEqualTo("vault-transit:krebit-tokens:v2");
    Ciphertext fresh = cipher.encrypt(PLAIN, ROW);
    assertThat(fresh.keyId()).isEqualTo("vault-transit:krebit-tokens:v2");
    assertThat(new String(fresh.bytes(), UTF_8)).startsWith("vault:v2:");
    assertThat(cipher.decrypt(old, ROW)).isEqualTo(PLAIN);
    assertThat(cipher.decrypt(fresh, ROW)).isEqualTo(PLAIN);

    server.transitMinDecryptionVersion("transit", "krebit-tokens", 2);
    assertThatThrownBy(() -> cipher.decrypt(old, ROW))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("no longer allowed")
        .hasMessageContaining("too old");
    assertThat(cipher.decrypt(fresh, ROW)).isEqualTo(PLAIN);
  }

  @Test
  void aSealedVaultIsRetryableAndAMissingCapabilityOrKeyIsNot(FakeVaultServer server) {
    VaultTransitCipher cipher = cipher(server);
    Ciphertext sealed = cipher.encrypt(PLAIN, ROW);

    server.seal();
    assertThatThrownBy(() -> cipher.decrypt(sealed, ROW))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    server.unseal();

    server.deny("transit/decrypt/krebit-tokens", "update");
    assertThatThrownBy(() -> cipher.decrypt(sealed, ROW))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("'update' capability on \"transit/decrypt/krebit-tokens\"");
    server.deny("transit/keys/*", "read");
    assertThatThrownBy(cipher::currentKeyId)
        .hasMessageContaining("'read' capability on \"transit/keys/krebit-tokens\"");

    VaultTransitCipher missing =
        VaultTransitCipher.builder(TestVaults.root(server)).key("no-such-key").build();
    refusedPermanently(missing::currentKeyId);
    refusedPermanently(
        () -> missing.decrypt(new Ciphertext("vault-transit:no-such-key:v1", sealed.bytes()), ROW));
  }

  @Test
  void toStringNamesTheKeyOnly(FakeVaultServer server) {
    assertThat(cipher(server).toString())
        .contains("transit/keys/krebit-tokens")
        .doesNotContain(server.rootToken());
  }

  @Test
  void encryptingToAKeyThatDoesNotExistSaysSoRatherThanNamingACapability(FakeVaultServer server) {
    VaultTransitCipher missing =
        VaultTransitCipher.builder(TestVaults.root(server)).key("no-such-key").build();
    server.deny("transit/encrypt/*", "create");

    assertThatThrownBy(() -> missing.encrypt(PLAIN, ROW))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("has no Transit key transit/keys/no-such-key")
        .hasMessageContaining("vault write -f transit/keys/no-such-key");
  }
}
