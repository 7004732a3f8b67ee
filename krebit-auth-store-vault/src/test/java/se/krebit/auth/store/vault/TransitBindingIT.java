package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * Transit binds {@code associated_data} only from Vault 1.13; older servers ignore it (with a
 * warning), which would leave every ciphertext unbound to its record. The cipher asks {@code
 * sys/health} for the version once, refuses such a server with a configuration error before it
 * encrypts anything, and where the version is hidden finds out with one round trip.
 */
class TransitBindingIT {
  private static final byte[] PLAIN = "{\"access_token\":\"at-1\"}".getBytes(UTF_8);
  private static final byte[] ROW = "tenant|client|alice|v3".getBytes(UTF_8);
  private static final byte[] OTHER_ROW = "tenant|client|mallory|v3".getBytes(UTF_8);

  private static VaultTransitCipher cipher(FakeVaultServer vault) {
    return VaultTransitCipher.builder(TestVaults.root(vault)).key("krebit-tokens").build();
  }

  @Test
  void aVaultThatCannotBindAssociatedDataIsRefusedBeforeAnythingIsEncrypted() {
    try (FakeVaultServer vault = TestVaults.started(VaultFlavour.VAULT_1_12)) {
      VaultTransitCipher cipher = cipher(vault);

      assertThatThrownBy(() -> cipher.encrypt(PLAIN, ROW))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("1.12.0")
          .hasMessageContaining("1.13");
      assertThatThrownBy(
              () ->
                  cipher.decrypt(
                      new Ciphertext(
                          "vault-transit:krebit-tokens:v1", "vault:v1:AAAA".getBytes(UTF_8)),
                      ROW))
          .isInstanceOf(KrebitConfigurationException.class);
      assertThatThrownBy(cipher::currentKeyId).isInstanceOf(KrebitConfigurationException.class);
      assertThat(vault.journal().count("POST", "transit/")).as("nothing sent to Transit").isZero();
      assertThat(vault.journal().count("GET", "sys/health"))
          .as("the version is asked once")
          .isEqualTo(1);
    }
  }

  @Test
  void aVaultThatHidesItsVersionIsProbedAndRefusedWhenItDoesNotBind() {
    try (FakeVaultServer vault =
        FakeVaultServer.builder()
            .flavour(VaultFlavour.VAULT_1_12)
            .hideVersion()
            .transitKey("krebit-tokens")
            .build()
            .start()) {
      VaultTransitCipher cipher = cipher(vault);

      assertThatThrownBy(() -> cipher.encrypt(PLAIN, ROW))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("associated data");
      assertThatThrownBy(() -> cipher.encrypt(PLAIN, ROW))
          .isInstanceOf(KrebitConfigurationException.class);
      assertThat(vault.journal().count("POST", "transit/encrypt/"))
          .as("one probe, then no more")
          .isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aServerThatBindsIsCheckedOnceAndThenUsed(VaultFlavour flavour) {
    try (FakeVaultServer vault = TestVaults.started(flavour)) {
      VaultTransitCipher cipher = cipher(vault);

      Ciphertext sealed = cipher.encrypt(PLAIN, ROW);
      assertThat(cipher.decrypt(sealed, ROW)).isEqualTo(PLAIN);
      assertThatThrownBy(() -> cipher.decrypt(sealed, OTHER_ROW))
          .isInstanceOf(TokenStoreException.class);
      assertThat(cipher.encrypt(PLAIN, ROW).keyId()).isEqualTo(cipher.currentKeyId());

      assertThat(vault.journal().count("GET", "sys/health")).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aServerThatHidesItsVersionButBindsIsProbedOnceAndThenUsed(VaultFlavour flavour) {
    try (FakeVaultServer vault =
        FakeVaultServer.builder()
            .flavour(flavour)
            .hideVersion()
            .transitKey("krebit-tokens")
            .build()
            .start()) {
      VaultTransitCipher cipher = cipher(vault);

      Ciphertext sealed = cipher.encrypt(PLAIN, ROW);
      assertThat(cipher.decrypt(sealed, ROW)).isEqualTo(PLAIN);
      cipher.encrypt(PLAIN, ROW);

      assertThat(vault.journal().count("POST", "transit/decrypt/"))
          .as("the probe's and ours")
          .isEqualTo(2);
    }
  }

  @Test
  void aCheckThatCouldNotReachVaultIsTriedAgain() {
    try (FakeVaultServer vault = TestVaults.started(VaultFlavour.VAULT_1_17_PLUS)) {
      VaultTransitCipher cipher = cipher(vault);
      vault.failNextRequests(2, se.krebit.testkit.InjectedFault.connectionReset());

      assertThatThrownBy(() -> cipher.encrypt(PLAIN, ROW))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
      assertThat(cipher.decrypt(cipher.encrypt(PLAIN, ROW), ROW)).isEqualTo(PLAIN);
    }
  }
}
