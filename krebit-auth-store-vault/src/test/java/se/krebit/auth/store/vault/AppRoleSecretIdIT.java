package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultFlavour;

/**
 * AppRole secret ids as operators issue them: limited in uses ({@code secret_id_num_uses}, each
 * login spends one) and time ({@code secret_id_ttl}), and response-wrapped, so that only this
 * process ever sees the secret id. Renewal spends none; a login happens only when the token can no
 * longer be renewed or was revoked; a wrapped secret id is unwrapped once.
 */
class AppRoleSecretIdIT {
  private final TokenKey alice = new TokenKey("acme", "app", "alice");

  private static VaultConnection.Builder connection(FakeVaultServer vault) {
    return VaultConnection.builder(vault.address()).clock(vault.clock()).executor(Runnable::run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aSecretIdOfTwoUsesLastsThroughRenewalsAPolicyDenialAndOneRevocation(VaultFlavour flavour) {
    try (FakeVaultServer vault =
        FakeVaultServer.builder()
            .flavour(flavour)
            .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID)
            .appRoleTokenTtl(Duration.ofMinutes(30), Duration.ofDays(1))
            .clock(SettableClock.create())
            .build()
            .start()) {
      String twoUses = vault.newSecretId(2, Duration.ZERO);
      try (VaultConnection connection =
          connection(vault).appRole(TestVaults.ROLE_ID, twoUses).build()) {
        VaultTokenStore store = VaultTokenStore.builder(connection).build();
        store.compareAndSet(alice, 0, record("a1"));
        for (int i = 0; i < 5; i++) {
          vault
              .clock()
              .advance(Duration.ofMinutes(21)); // renewed at two thirds of the TTL, no login
        }
        vault.deny("secret/data/krebit/*", "update");
        assertThatThrownBy(() -> store.compareAndSet(alice, 1, record("a2")))
            .hasMessageContaining("'update' capability");
        vault.reset();
        vault.revokeTokensIssuedAt("auth/approle/login");

        assertThat(store.load(alice)).isPresent();
        assertThat(vault.journal().logins()).as("the second and last use").isEqualTo(1);
      }
    }
  }

  @Test
  void aSecretIdThatRanOutIsAPermanentErrorThatSaysWhy() {
    try (FakeVaultServer vault = TestVaults.started(VaultFlavour.VAULT_1_17_PLUS)) {
      String once = vault.newSecretId(1, Duration.ZERO);
      try (VaultConnection connection =
          connection(vault).appRole(TestVaults.ROLE_ID, once).build()) {
        VaultTokenStore store = VaultTokenStore.builder(connection).build();
        store.compareAndSet(alice, 0, record("a1"));
        vault.revokeTokensIssuedAt("auth/approle/login");

        assertThatThrownBy(() -> store.load(alice))
            .isInstanceOfSatisfying(
                TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
            .hasMessageContaining("secret_id_num_uses")
            .hasMessageContaining("secret_id_ttl")
            .hasMessageNotContaining(once);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(TestVaults.SUPPORTED)
  void aWrappedSecretIdIsUnwrappedOnceAndServesEveryLaterLogin(VaultFlavour flavour) {
    try (FakeVaultServer vault = TestVaults.started(flavour)) {
      String wrappingToken = vault.newWrappedSecretId(0, Duration.ZERO, Duration.ofMinutes(5));
      try (VaultConnection connection =
          connection(vault).appRoleWrappedSecretId(TestVaults.ROLE_ID, wrappingToken).build()) {
        VaultTokenStore store = VaultTokenStore.builder(connection).build();
        assertThat(vault.journal().requestCount()).as("building makes no request").isZero();

        store.compareAndSet(alice, 0, record("a1"));
        vault.revokeTokensIssuedAt("auth/approle/login");
        assertThat(store.load(alice)).isPresent();

        assertThat(vault.journal().count("POST", "sys/wrapping/unwrap")).isEqualTo(1);
        assertThat(vault.journal().logins()).isEqualTo(2);
        assertThat(connection.toString()).doesNotContain(wrappingToken);
      }
    }
  }

  @Test
  void aWrappingTokenSomeoneElseUnwrappedIsAPermanentErrorThatWarnsOfInterception() {
    try (FakeVaultServer vault = TestVaults.started(VaultFlavour.VAULT_1_17_PLUS)) {
      String wrappingToken = vault.newWrappedSecretId(0, Duration.ZERO, Duration.ofMinutes(5));
      assertThat(unwrapAsSomeoneElse(vault, wrappingToken)).isEqualTo(200);
      try (VaultConnection connection =
          connection(vault).appRoleWrappedSecretId(TestVaults.ROLE_ID, wrappingToken).build()) {
        assertThatThrownBy(() -> VaultTokenStore.builder(connection).build().load(alice))
            .isInstanceOfSatisfying(
                TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
            .hasMessageContaining("unwrapped")
            .hasMessageNotContaining(wrappingToken);
        assertThat(vault.journal().logins()).isZero();
      }
    }
  }

  private static int unwrapAsSomeoneElse(FakeVaultServer vault, String wrappingToken) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(vault.address().resolve("/v1/sys/wrapping/unwrap"))
                  .header("X-Vault-Token", wrappingToken)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
