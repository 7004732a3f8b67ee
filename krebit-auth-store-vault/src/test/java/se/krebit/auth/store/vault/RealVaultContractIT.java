package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;

/**
 * The whole Vault adapter against a real Vault or OpenBao, run when {@code VAULT_ADDR} and {@code
 * VAULT_TOKEN} are set (under {@code CI=true} too): for example a dev server started with {@code
 * vault server -dev} or {@code bao server -dev}. The token must be allowed to enable engines and
 * auth methods, write policies and revoke leases (a dev server's root token is). Optional: {@code
 * VAULT_CACERT} (a PEM file), {@code VAULT_NAMESPACE}, {@code KREBIT_VAULT_KV_MOUNT} (default
 * {@code secret}, created as KV v2 if missing), {@code KREBIT_VAULT_TRANSIT_MOUNT} (default {@code
 * transit}, created if missing), {@code VAULT_UNSEAL_KEY} (an unseal key, to also seal and unseal
 * the server: only on a server of your own).
 *
 * <p>It makes a Transit key, a policy as the README's and an AppRole mount with tokens of 4 s TTL
 * and 12 s max TTL, all named {@code krebit-contract-<random>} and removed afterwards; records go
 * under {@code krebit-contract-tests/} with a random tenant per test. It runs the token store
 * contract with the admin token and again with AppRole and the Transit cipher, then Transit's
 * binding of associated data, renewal and new logins on the real clock, recovery from a revoked
 * token, a response-wrapped secret id and, with {@code VAULT_UNSEAL_KEY}, a sealed Vault.
 *
 * <p>Without {@code VAULT_ADDR} and {@code VAULT_TOKEN} every test is skipped, and the build output
 * says so twice: a printed line, and each test reported skipped with that reason. It is the only
 * test allowed to skip.
 */
class RealVaultContractIT {
  private static final Duration TOKEN_TTL = Duration.ofSeconds(4);
  private static final Duration TOKEN_MAX_TTL = Duration.ofSeconds(12);
  private static final String PREFIX = "krebit-contract-tests";
  private static @Nullable RealVault vault;
  private static final List<VaultConnection> CONNECTIONS = new ArrayList<>();

  @BeforeAll
  static void setUpTheRealVault() {
    Optional<RealVault> real = RealVault.fromEnvironment();
    if (real.isEmpty()) {
      System.out.println("[krebit] " + RealVault.NOT_RUN);
      return;
    }
    vault = real.get();
    vault.setUp(TOKEN_TTL, TOKEN_MAX_TTL);
    System.out.println(
        "[krebit] RealVaultContractIT runs the Vault adapter against "
            + vault.address
            + ", version "
            + vault.version()
            + "; its AppRole mount, policy and Transit key are auth/"
            + vault.name
            + " and "
            + vault.transitMount
            + "/keys/"
            + vault.name);
  }

  @AfterAll
  static void cleanUp() {
    CONNECTIONS.forEach(VaultConnection::close);
    if (vault != null) {
      vault.cleanUp();
    }
  }

  private static RealVault real() {
    Assumptions.assumeTrue(vault != null, RealVault.NOT_RUN);
    return vault;
  }

  /** A connection logging in with a new secret id of the test role, closed after all tests. */
  private static VaultConnection appRole(int numUses) {
    RealVault real = real();
    VaultConnection connection =
        real.connection().appRole(real.roleId(), real.newSecretId(numUses)).build();
    CONNECTIONS.add(connection);
    return connection;
  }

  private static VaultTokenStore realStore(VaultConnection connection, boolean sealed) {
    VaultTokenStore.Builder store =
        VaultTokenStore.builder(connection).mount(real().kvMount).pathPrefix(PREFIX);
    if (sealed) {
      store.cipher(
          VaultTransitCipher.builder(connection)
              .mount(real().transitMount)
              .key(real().name)
              .build());
    }
    return store.build();
  }

  private static TokenKey someone() {
    return new TokenKey("tenant-" + UUID.randomUUID(), "app", "alice");
  }

  /**
   * The token store contract on the real Vault, with one store per class made by {@link #create}.
   */
  abstract static class OnTheRealVault extends TokenStoreContract {
    private static final Map<Class<?>, TokenStore> STORES = new ConcurrentHashMap<>();

    abstract TokenStore create(RealVault real);

    @BeforeEach
    void requireTheRealVault() {
      real();
    }

    @Override
    protected TokenStore store() {
      // Without a real Vault, the contract's own @BeforeEach still asks for a store before the
      // assumption above skips the test; it gets one that is never used.
      RealVault real = vault;
      return real == null
          ? new InMemoryTokenStore()
          : STORES.computeIfAbsent(getClass(), c -> create(real));
    }
  }

  /** The token store contract with the admin token and values in clear. */
  @Nested
  class WithTheAdminToken extends OnTheRealVault {
    @Override
    TokenStore create(RealVault real) {
      return realStore(real.adminConnection(), false);
    }
  }

  /**
   * The contract again as a deployment runs it: AppRole with short TTLs, tokens sealed by Transit.
   */
  @Nested
  class WithAppRoleAndTransit extends OnTheRealVault {
    @Override
    TokenStore create(RealVault real) {
      return realStore(appRole(0), true);
    }
  }

  /**
   * What the contract does not show: Transit, AppRole on the real clock, revocation, wrapping,
   * sealing.
   */
  @Nested
  class TheWholeAdapter {
    @Test
    void transitBindsTheAssociatedDataOnThisServer() {
      RealVault real = real();
      VaultTransitCipher cipher =
          VaultTransitCipher.builder(appRole(0)).mount(real.transitMount).key(real.name).build();
      byte[] plain = "{\"access_token\":\"at-1\"}".getBytes(UTF_8);

      Ciphertext sealed = cipher.encrypt(plain, "row-1".getBytes(UTF_8));

      assertThat(cipher.decrypt(sealed, "row-1".getBytes(UTF_8))).isEqualTo(plain);
      assertThatThrownBy(() -> cipher.decrypt(sealed, "row-2".getBytes(UTF_8)))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse());
      assertThat(cipher.currentKeyId()).isEqualTo(sealed.keyId());
    }

    @Test
    void appRoleTokensOfSecondsAreRenewedAndReplacedOnTheRealClock() throws InterruptedException {
      VaultTokenStore store = realStore(appRole(0), true);
      TokenKey key = someone();
      long version = store.compareAndSet(key, 0, record("a0")).orElseThrow().version();
      Instant end = Instant.now().plus(TOKEN_MAX_TTL.multipliedBy(2));
      int rounds = 0;
      while (Instant.now().isBefore(end)) {
        version = store.compareAndSet(key, version, record("a" + ++rounds)).orElseThrow().version();
        assertThat(store.load(key).orElseThrow().record()).isEqualTo(record("a" + rounds));
        Thread.sleep(250);
      }
      assertThat(rounds).as("requests across two max TTLs, every one answered").isGreaterThan(20);
    }

    @Test
    void aRevokedTokenIsReplacedByOneNewLogin() {
      VaultTokenStore store =
          realStore(appRole(2), false); // two logins: the first and the one after revocation
      TokenKey key = someone();
      store.compareAndSet(key, 0, record("a1"));

      real().revokeAppRoleTokens();

      assertThat(store.load(key).orElseThrow().record()).isEqualTo(record("a1"));
    }

    @Test
    void aResponseWrappedSecretIdIsUnwrappedOnceAndServesTheNextLogin() {
      RealVault real = real();
      VaultConnection connection =
          real.connection()
              .appRoleWrappedSecretId(real.roleId(), real.newWrappedSecretId(Duration.ofMinutes(2)))
              .build();
      CONNECTIONS.add(connection);
      VaultTokenStore store = realStore(connection, false);
      TokenKey key = someone();
      store.compareAndSet(key, 0, record("a1"));

      real.revokeAppRoleTokens();

      assertThat(store.load(key)).isPresent();
    }

    @Test
    void aSealedVaultIsRetryableAndServesAgainOnceUnsealed() {
      RealVault real = real();
      Optional<String> unsealKey = RealVault.env("VAULT_UNSEAL_KEY");
      if (unsealKey.isEmpty()) {
        System.out.println(
            "[krebit] RealVaultContractIT.aSealedVaultIsRetryableAndServesAgainOnceUnsealed NOT RUN:"
                + " set VAULT_UNSEAL_KEY to let it seal and unseal the server");
      }
      Assumptions.assumeTrue(
          unsealKey.isPresent(), "set VAULT_UNSEAL_KEY to let it seal and unseal the server");
      VaultTokenStore store = realStore(appRole(0), true);
      TokenKey key = someone();
      store.compareAndSet(key, 0, record("a1"));

      real.seal();
      try {
        assertThatThrownBy(() -> store.load(key))
            .isInstanceOfSatisfying(
                TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue())
            .hasMessageContaining("sealed");
      } finally {
        real.unseal(unsealKey.get());
      }
      assertThat(store.load(key)).isPresent();
    }
  }
}
