package se.krebit.auth.store.vault;

import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.testkit.vault.FakeVaultExtension;

/** The test kit's token store contract on the fake Vault: default mount and prefix, tokens in clear. */
class VaultTokenStoreContractIT extends TokenStoreContract {
  @RegisterExtension
  static final FakeVaultExtension VAULT = FakeVaultExtension.builder().build();

  @Override
  protected TokenStore store() {
    return VaultTokenStore.builder(TestVaults.root(VAULT.server())).build();
  }
}
