package se.krebit.auth.store.vault;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/**
 * The token store contract against a real Vault, run when {@code VAULT_ADDR} and
 * {@code VAULT_TOKEN} are set (under {@code CI=true} too): for example a dev server started with
 * {@code vault server -dev}. Optional: {@code VAULT_CACERT} (a PEM file), {@code VAULT_NAMESPACE},
 * {@code KREBIT_VAULT_KV_MOUNT} (default {@code secret}). Records go under
 * {@code krebit-contract-tests/}, with a random tenant per test.
 *
 * <p>Without the two variables every test is skipped, and the build output says so twice: a
 * printed line, and each test reported skipped with that reason. It is the only test allowed to skip.
 */
class RealVaultContractIT extends TokenStoreContract {
  private static final String NOT_RUN = "RealVaultContractIT NOT RUN: set VAULT_ADDR and VAULT_TOKEN to run the"
      + " TokenStore contract against a real Vault";
  private static @Nullable VaultTokenStore store;

  @BeforeAll
  static void connectToTheRealVault() {
    Optional<String> address = env("VAULT_ADDR");
    Optional<String> token = env("VAULT_TOKEN");
    if (address.isEmpty() || token.isEmpty()) {
      System.out.println("[krebit] " + NOT_RUN);
      return;
    }
    VaultConnection.Builder connection = VaultConnection.builder(URI.create(address.get())).token(token.get());
    env("VAULT_CACERT").ifPresent(pem -> connection.caCertificatesPem(Path.of(pem)));
    env("VAULT_NAMESPACE").ifPresent(connection::namespace);
    store = VaultTokenStore.builder(connection.build())
        .mount(env("KREBIT_VAULT_KV_MOUNT").orElse(VaultTokenStore.DEFAULT_MOUNT))
        .pathPrefix("krebit-contract-tests")
        .build();
    System.out.println("[krebit] RealVaultContractIT runs the TokenStore contract against the Vault at " + address.get());
  }

  @BeforeEach
  void requireTheRealVault() {
    Assumptions.assumeTrue(store != null, NOT_RUN);
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  @Override
  protected TokenStore store() {
    // Without a real Vault, the contract's own @BeforeEach still asks for a store before the
    // assumption above skips the test; it gets one that is never used.
    VaultTokenStore real = store;
    return real != null ? real : new InMemoryTokenStore();
  }
}
