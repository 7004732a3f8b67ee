package se.krebit.auth.store.vault;

import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.testkit.vault.FakeVaultExtension;

/**
 * The contract once more, in the shape a careful deployment uses: a nested KV mount that requires
 * {@code cas} on every write, AppRole login, and the tokens sealed by a Transit key of their own.
 */
class SealedVaultTokenStoreContractIT extends TokenStoreContract {
  @RegisterExtension
  static final FakeVaultExtension VAULT = FakeVaultExtension.builder()
      .kvMount("kv/platform")
      .casRequired(true)
      .transitKey("krebit-tokens")
      .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID)
      .build();

  @Override
  protected TokenStore store() {
    VaultConnection vault = TestVaults.appRole(VAULT.server());
    return VaultTokenStore.builder(vault)
        .mount("kv/platform")
        .pathPrefix("apps/krebit")
        .cipher(VaultTransitCipher.builder(vault).key("krebit-tokens").build())
        .build();
  }
}
