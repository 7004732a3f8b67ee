package se.krebit.auth.store.vault;

import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.testkit.contract.TokenCipherContract;
import se.krebit.testkit.vault.FakeVaultExtension;

/**
 * Vault Transit's cipher meets the whole contract, over loopback HTTP to the fake Vault; rotation
 * is Vault's ({@code transit/keys/<key>/rotate}), which the same cipher follows.
 */
class VaultTransitCipherContractIT extends TokenCipherContract {
  private static final String KEY = "krebit-tokens";

  @RegisterExtension
  final FakeVaultExtension vault = FakeVaultExtension.builder().transitKey(KEY).build();

  @Override
  protected TokenCipher cipher() {
    return VaultTransitCipher.builder(TestVaults.root(vault.server())).key(KEY).build();
  }

  @Override
  protected Optional<TokenCipher> rotated(TokenCipher cipher) {
    vault.server().transitRotate(VaultTransitCipher.DEFAULT_MOUNT, KEY);
    return Optional.of(cipher);
  }
}
