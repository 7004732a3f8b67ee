package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultRequestJournal;

/**
 * AppRole login and token renewal, driven by the fake's settable clock: each test has a Vault of
 * its own (one hour TTL, 90 minutes max TTL) and a connection whose renewals run as the clock
 * passes their time.
 */
class AppRoleRenewalIT {
  private final SettableClock clock = SettableClock.create();

  @RegisterExtension
  final FakeVaultExtension vault =
      FakeVaultExtension.builder()
          .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID)
          .appRoleTokenTtl(Duration.ofHours(1), Duration.ofMinutes(90))
          .clock(clock)
          .build();

  private final TokenKey alice = new TokenKey("acme", "app", "alice");

  private VaultTokenStore store(VaultConnection connection) {
    return VaultTokenStore.builder(connection).build();
  }

  private VaultRequestJournal journal() {
    return vault.server().journal();
  }

  @Test
  void logsInOnFirstUseAndRenewsBeforeTheTokensTtlEnds() {
    VaultConnection connection = TestVaults.appRole(vault.server());
    VaultTokenStore store = store(connection);
    assertThat(journal().requestCount()).as("building makes no request").isZero();

    store.compareAndSet(alice, 0, record("a1"));
    assertThat(journal().logins()).isEqualTo(1);
    assertThat(journal().renewals()).isZero();

    clock.advance(Duration.ofMinutes(39));
    assertThat(journal().renewals()).as("not yet at two thirds of the TTL").isZero();
    clock.advance(Duration.ofMinutes(20)); // 59 minutes: just before the TTL ends
    assertThat(journal().renewals()).isEqualTo(1);
    assertThat(journal().requests().stream().filter(r -> r.path().equals("auth/token/renew-self")))
        .allSatisfy(r -> assertThat(r.answered(200)).isTrue());

    clock.advance(Duration.ofMinutes(5)); // past the first TTL: the renewed token still works
    assertThat(store.load(alice)).isPresent();
    assertThat(journal().logins()).isEqualTo(1);
    connection.close();
  }

  @Test
  void logsInAgainOnceRenewalNoLongerExtendsTheToken() {
    VaultConnection connection = TestVaults.appRole(vault.server());
    store(connection).load(alice);

    clock.advance(Duration.ofMinutes(41)); // renewed: now valid until the max TTL, 90 minutes
    clock.advance(Duration.ofMinutes(33)); // renewed again: capped, no longer extended
    assertThat(journal().renewals()).isEqualTo(2);
    assertThat(journal().logins()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(12)); // 86 minutes: before the max TTL ends, a new login
    assertThat(journal().logins()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(10)); // past the first token's max TTL
    assertThat(store(connection).load(alice)).isEmpty();
    assertThat(journal().logins()).isEqualTo(2);
    connection.close();
  }

  @Test
  void anExpiredTokenIsReplacedByANewLogin() {
    VaultConnection connection = TestVaults.appRole(vault.server());
    VaultTokenStore store = store(connection);
    store.compareAndSet(alice, 0, record("a1"));

    clock.set(
        clock
            .instant()
            .plus(Duration.ofHours(2))); // the renewal falls due only after the TTL ended

    assertThat(journal().renewals()).isEqualTo(1);
    assertThat(journal().requests().stream().filter(r -> r.path().equals("auth/token/renew-self")))
        .allSatisfy(r -> assertThat(r.answered(403)).isTrue());
    assertThat(journal().logins()).isEqualTo(2);
    assertThat(store.load(alice)).isPresent();
    connection.close();
  }

  @Test
  void aTokenThatExpiredWhileVaultWasSealedIsReplacedOnTheNextRequest() {
    VaultConnection connection = TestVaults.appRole(vault.server());
    VaultTokenStore store = store(connection);
    store.compareAndSet(alice, 0, record("a1"));
    vault.server().seal();

    clock.advance(Duration.ofMinutes(41)); // the renewal fails; it is tried again halfway to expiry
    clock.advance(Duration.ofMinutes(10));
    assertThat(journal().renewals()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(19)); // 70 minutes: the token has expired
    assertThat(journal().logins()).isEqualTo(1);
    vault.server().unseal();

    assertThat(store.load(alice)).isPresent();
    assertThat(journal().logins()).isEqualTo(2);
    connection.close();
  }

  @Test
  void aRevokedTokenIsReplacedAndTheRequestRetriedOnce(FakeVaultServer server) {
    VaultConnection connection = TestVaults.appRole(server);
    VaultTokenStore store = store(connection);
    store.compareAndSet(alice, 0, record("a1"));
    assertThat(server.revokeTokensIssuedAt("auth/approle/login")).isEqualTo(1);

    assertThat(store.load(alice)).isPresent();

    assertThat(journal().logins()).isEqualTo(2);
    assertThat(journal().count("GET", "secret/data/"))
        .as("refused once, then retried")
        .isEqualTo(2);
    connection.close();
  }

  @Test
  void aRefusedLoginIsAPermanentErrorThatNamesWhatToCheck(FakeVaultServer server) {
    VaultConnection wrong =
        VaultConnection.builder(server.address())
            .appRole(TestVaults.ROLE_ID, "not-the-secret-id")
            .clock(clock)
            .executor(Runnable::run)
            .build();

    assertThatThrownBy(() -> store(wrong).load(alice))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("check the role id and secret id")
        .hasMessageNotContaining("not-the-secret-id");
  }

  @Test
  void aClosedConnectionRenewsNoMore() {
    VaultConnection connection = TestVaults.appRole(vault.server());
    store(connection).load(alice);

    connection.close();
    clock.advance(Duration.ofMinutes(59));

    assertThat(journal().renewals()).isZero();
    assertThat(clock.pendingTasks()).isZero();
  }
}
