package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.net.URI;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * States a Vault cluster passes through that are no one's mistake and pass: a KV mount being
 * upgraded to version 2 (400 "Upgrading from non-versioned to versioned data") and a standby that
 * redirects to the active node because request forwarding is off (307). Both are retryable errors
 * that say what is going on; the store never follows a redirect, which would replay the Vault token
 * to another address.
 */
class ClusterStatesIT {
  private final TokenKey alice = new TokenKey("acme", "app", "alice");

  private static void retryable(ThrowingCallable call, String saying) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).as(e.getMessage()).isTrue())
        .hasMessageContaining(saying);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aKvMountBeingUpgradedIsRetryableUntilTheUpgradeEnds(VaultFlavour flavour) {
    try (TestVaults.Deployment deployment = TestVaults.deployed(flavour)) {
      FakeVaultServer vault = deployment.vault();
      VaultTokenStore store = deployment.store();
      store.compareAndSet(alice, 0, record("a1"));
      vault.startKvUpgrade("secret");

      retryable(() -> store.load(alice), "being upgraded");
      retryable(() -> store.compareAndSet(alice, 1, record("a2")), "being upgraded");
      retryable(() -> store.delete(alice), "being upgraded");

      vault.finishKvUpgrade("secret");
      assertThat(store.compareAndSet(alice, 1, record("a2"))).isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aStandbyThatRedirectsIsRetryableAndNeverFollowed(VaultFlavour flavour) {
    try (FakeVaultServer active = TestVaults.started(flavour);
        FakeVaultServer standby = TestVaults.started(flavour)) {
      VaultTokenStore store = VaultTokenStore.builder(TestVaults.root(standby)).build();
      store.compareAndSet(alice, 0, record("a1"));
      standby.becomeStandbyOf(active.address());

      for (ThrowingCallable call :
          List.<ThrowingCallable>of(
              () -> store.load(alice),
              () -> store.compareAndSet(alice, 1, record("a2")),
              () -> store.delete(alice))) {
        retryable(call, "standby");
      }
      assertThat(active.journal().requestCount()).as("no request followed the redirect").isZero();

      standby.becomeActive();
      assertThat(store.load(alice)).isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void anAppRoleLoginAtAStandbyIsRetryableToo(VaultFlavour flavour) {
    try (FakeVaultServer standby = TestVaults.started(flavour);
        VaultConnection connection = TestVaults.appRole(standby)) {
      standby.becomeStandbyOf(URI.create("https://vault-active.example:8200"));

      retryable(() -> VaultTokenStore.builder(connection).build().load(alice), "standby");
    }
  }
}
