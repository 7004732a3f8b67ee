package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.FakeVaultServer;

/**
 * With every logger at TRACE (SLF4J and the driver's java.util.logging), no Vault token, role id,
 * secret id or stored token value shows up in a log line, an exception message, a stack trace or a
 * {@code toString()}, through logins, renewals, writes, reads, and every kind of failure.
 */
class SecretHygieneIT {
  private static final SettableClock CLOCK = SettableClock.create();
  private static final String ACCESS = "at-PLANTED-1c2d3e";
  private static final String REFRESH = "rt-PLANTED-4f5a6b";

  /** The fake's tokens: {@code hvs.} and 24 random characters. */
  private static final Pattern VAULT_TOKEN = Pattern.compile("hvs\\.[A-Za-z0-9_-]{24}");

  @RegisterExtension
  static final FakeVaultExtension VAULT =
      FakeVaultExtension.builder()
          .transitKey("krebit-tokens")
          .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID)
          .clock(CLOCK)
          .build();

  private CapturedLogs logs;
  // The JDK HttpClient's own threads log through JUL into this list while the test reads it.
  private final List<String> exposed = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
  private final java.util.logging.Level julLevel = julRoot.getLevel();
  private final Handler jul =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          exposed.add(
              "jul "
                  + record.getLoggerName()
                  + " "
                  + record.getMessage()
                  + " "
                  + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureEverything() {
    logs = CapturedLogs.start();
    julRoot.setLevel(java.util.logging.Level.ALL);
    julRoot.addHandler(jul);
  }

  @AfterEach
  void restoreLogging() {
    logs.close();
    julRoot.removeHandler(jul);
    julRoot.setLevel(julLevel);
  }

  @Test
  void noTokenSecretOrStoredValueReachesLogsErrorsOrToString(FakeVaultServer vault) {
    VaultConnection connection = TestVaults.appRole(vault);
    VaultTransitCipher cipher = VaultTransitCipher.builder(connection).key("krebit-tokens").build();
    VaultTokenStore sealed = VaultTokenStore.builder(connection).cipher(cipher).build();
    VaultTokenStore clear =
        VaultTokenStore.builder(
                VaultConnection.builder(vault.address()).token(vault.rootToken()).build())
            .pathPrefix("clear")
            .build();
    TokenKey key = new TokenKey("acme", "app", "alice");
    TokenRecord record =
        TokenRecord.of(
            new TokenSet(
                new AccessToken(ACCESS, AccessToken.BEARER, Instant.EPOCH.plusSeconds(60)),
                Optional.of(new RefreshToken(REFRESH)),
                Set.of("read"),
                Instant.EPOCH));

    for (VaultTokenStore store : List.of(sealed, clear)) {
      run(() -> store.compareAndSet(key, 0, record));
      run(() -> store.load(key));
      run(() -> store.compareAndSet(key, 1, record));
      run(() -> store.compareAndSet(key, 1, record));
      exposed.add(store.toString());
    }
    CLOCK.advance(Duration.ofMinutes(59)); // a renewal
    vault.revokeTokensIssuedAt("auth/approle/login");
    run(() -> sealed.load(key)); // refused, a new login, retried
    vault.seal();
    run(() -> sealed.load(key));
    run(() -> clear.load(key));
    vault.unseal();
    vault.deny("secret/data/*", "update");
    run(() -> sealed.compareAndSet(key, 2, record));
    run(() -> clear.compareAndSet(key, 2, record));
    vault.failNextRequests(1, InjectedFault.status(500));
    run(() -> clear.load(key));
    vault.failNextRequests(2, InjectedFault.connectionReset());
    run(() -> sealed.load(key));
    Ciphertext ciphertext =
        cipher.encrypt(ACCESS.getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0]);
    run(() -> cipher.decrypt(ciphertext, new byte[] {1}));
    exposed.add(ciphertext.toString());
    VaultConnection wrong =
        VaultConnection.builder(vault.address())
            .appRole(TestVaults.ROLE_ID, TestVaults.SECRET_ID + "x")
            .build();
    run(() -> VaultTokenStore.builder(wrong).build().load(key));
    exposed.add(connection.toString());
    exposed.add(wrong.toString());
    exposed.add(cipher.toString());
    exposed.add(vault.journal().requests().toString());
    connection.close();

    assertThat(vault.journal().logins()).as("logins happened").isGreaterThanOrEqualTo(2);
    assertThat(vault.kvData("secret", "clear/acme/app/alice").orElseThrow())
        .as("the value was really stored")
        .containsEntry("access_token", ACCESS);
    List<String> lines = logs.lines();
    exposed.addAll(lines);
    assertThat(lines).as("log lines were captured").isNotEmpty();
    for (String text : exposed) {
      assertThat(text)
          .as("log line, error or toString")
          .doesNotContain(
              ACCESS, REFRESH, TestVaults.SECRET_ID, TestVaults.ROLE_ID, vault.rootToken())
          .doesNotContainPattern(VAULT_TOKEN);
    }
  }

  private void run(java.util.function.Supplier<?> call) {
    try {
      exposed.add(String.valueOf(call.get()));
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      exposed.add(trace.toString());
    }
  }
}
