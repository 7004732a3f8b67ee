package se.krebit.auth.store.vault;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * The contract once more, in the shape a careful deployment uses, on each supported server: a
 * nested KV mount that requires {@code cas} on every write, AppRole login, and the tokens sealed by
 * a Transit key of their own.
 */
class SealedVaultTokenStoreContractIT {
  private static FakeVaultExtension vault(VaultFlavour flavour) {
    return FakeVaultExtension.builder()
        .flavour(flavour)
        .kvMount("kv/platform")
        .casRequired(true)
        .transitKey("krebit-tokens")
        .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID)
        .build();
  }

  private static TokenStore store(FakeVaultExtension fake) {
    VaultConnection vault = TestVaults.appRole(fake.server());
    return VaultTokenStore.builder(vault)
        .mount("kv/platform")
        .pathPrefix("apps/krebit")
        .cipher(VaultTransitCipher.builder(vault).key("krebit-tokens").build())
        .build();
  }

  @Nested
  class OnVault113To116 extends TokenStoreContract {
    @RegisterExtension
    static final FakeVaultExtension VAULT = vault(VaultFlavour.VAULT_1_13_TO_1_16);

    @Override
    protected TokenStore store() {
      return SealedVaultTokenStoreContractIT.store(VAULT);
    }
  }

  @Nested
  class OnVault117Plus extends TokenStoreContract {
    @RegisterExtension static final FakeVaultExtension VAULT = vault(VaultFlavour.VAULT_1_17_PLUS);

    @Override
    protected TokenStore store() {
      return SealedVaultTokenStoreContractIT.store(VAULT);
    }
  }

  @Nested
  class OnOpenBao2 extends TokenStoreContract {
    @RegisterExtension static final FakeVaultExtension VAULT = vault(VaultFlavour.OPENBAO_2);

    @Override
    protected TokenStore store() {
      return SealedVaultTokenStoreContractIT.store(VAULT);
    }
  }
}
