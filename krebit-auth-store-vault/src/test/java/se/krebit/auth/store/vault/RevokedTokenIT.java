package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * A revoked or expired Vault token, which only Vault 1.17 and later call {@code invalid token}
 * (older Vaults and OpenBao say {@code permission denied}, as for a missing capability): on every
 * supported server it is replaced by one new AppRole login and the request retried once, and a real
 * policy denial is still reported as one, spending no login.
 */
class RevokedTokenIT {
  private final TokenKey alice = new TokenKey("acme", "app", "alice");

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aRevokedAppRoleTokenIsReplacedByANewLoginAndTheRequestRetriedOnce(VaultFlavour flavour) {
    try (TestVaults.Deployment deployment = TestVaults.deployed(flavour)) {
      FakeVaultServer vault = deployment.vault();
      VaultTokenStore store = deployment.store();
      store.compareAndSet(alice, 0, record("a1"));
      vault.revokeTokensIssuedAt("auth/approle/login");

      assertThat(store.load(alice)).isPresent();

      assertThat(vault.journal().logins()).isEqualTo(2);
      assertThat(vault.journal().count("GET", "secret/data/"))
          .as("refused once, then retried")
          .isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void manyRequestsMeetingARevokedTokenShareOneNewLogin(VaultFlavour flavour) throws Exception {
    try (TestVaults.Deployment deployment = TestVaults.deployed(flavour)) {
      FakeVaultServer vault = deployment.vault();
      VaultTokenStore store = deployment.store();
      store.compareAndSet(alice, 0, record("a1"));
      vault.revokeTokensIssuedAt("auth/approle/login");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> loads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          loads.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.load(alice).orElseThrow();
                  }));
        }
        start.countDown();
        for (Future<?> load : loads) {
          load.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(vault.journal().logins())
          .as("each login spends a use of the secret id")
          .isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aPolicyDenialIsReportedAsOneAndSpendsNoLogin(VaultFlavour flavour) {
    try (TestVaults.Deployment deployment = TestVaults.deployed(flavour)) {
      FakeVaultServer vault = deployment.vault();
      VaultTokenStore store = deployment.store();
      store.compareAndSet(alice, 0, record("a1"));
      vault.deny("secret/data/krebit/*", "read");

      assertThatThrownBy(() -> store.load(alice))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("'read' capability on \"secret/data/krebit/tokens/*\"");
      assertThat(vault.journal().logins()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aRevokedFixedTokenIsReportedAsRefusedNotAsAMissingCapability(VaultFlavour flavour) {
    try (FakeVaultServer vault = TestVaults.started(flavour)) {
      String token = vault.issueToken(Duration.ofHours(1), true);
      VaultTokenStore store =
          VaultTokenStore.builder(VaultConnection.builder(vault.address()).token(token).build())
              .build();
      store.compareAndSet(alice, 0, record("a1"));
      vault.revokeToken(token);

      assertThatThrownBy(() -> store.load(alice))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("refused its token")
          .hasMessageNotContaining("capability");
    }
  }
}
