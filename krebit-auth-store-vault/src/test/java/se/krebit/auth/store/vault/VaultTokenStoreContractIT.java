package se.krebit.auth.store.vault;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * The test kit's token store contract on the fake Vault answering as each supported server: default
 * mount and prefix, the root token, tokens in clear.
 */
class VaultTokenStoreContractIT {
  private static TokenStore store(FakeVaultExtension vault) {
    return VaultTokenStore.builder(TestVaults.root(vault.server())).build();
  }

  @Nested
  class OnVault113To116 extends TokenStoreContract {
    @RegisterExtension
    static final FakeVaultExtension VAULT =
        FakeVaultExtension.builder().flavour(VaultFlavour.VAULT_1_13_TO_1_16).build();

    @Override
    protected TokenStore store() {
      return VaultTokenStoreContractIT.store(VAULT);
    }
  }

  @Nested
  class OnVault117Plus extends TokenStoreContract {
    @RegisterExtension
    static final FakeVaultExtension VAULT =
        FakeVaultExtension.builder().flavour(VaultFlavour.VAULT_1_17_PLUS).build();

    @Override
    protected TokenStore store() {
      return VaultTokenStoreContractIT.store(VAULT);
    }
  }

  @Nested
  class OnOpenBao2 extends TokenStoreContract {
    @RegisterExtension
    static final FakeVaultExtension VAULT =
        FakeVaultExtension.builder().flavour(VaultFlavour.OPENBAO_2).build();

    @Override
    protected TokenStore store() {
      return VaultTokenStoreContractIT.store(VAULT);
    }
  }
}
