package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.KrebitConfigurationException;

/**
 * Transit key names as Vault routes them: {@code \w(([\w-.]+)?\w)?}, anything else is refused when
 * built.
 */
class VaultTransitCipherBuilderTest {
  private static final VaultConnection VAULT =
      VaultConnection.builder(URI.create("https://vault.example.com"))
          .token("t-0123456789")
          .build();

  @ParameterizedTest
  @ValueSource(strings = {"k", "krebit-tokens", "krebit.tokens", "a_b", "v1", "A-1.b_2"})
  void namesVaultRoutesAreAccepted(String name) {
    assertThat(VaultTransitCipher.builder(VAULT).key(name).build().toString())
        .contains("transit/keys/" + name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"krebit-", "-krebit", ".krebit", "krebit.", "", "a/b", "ä", "a b", "a..b/"})
  void namesVaultWouldAnswerWith404AreRefused(String name) {
    assertThatThrownBy(() -> VaultTransitCipher.builder(VAULT).key(name))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("start and end with a letter, digit or '_'");
  }
}
