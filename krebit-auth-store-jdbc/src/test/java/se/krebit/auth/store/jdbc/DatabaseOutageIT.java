package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSource;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.testkit.SettableClock;

/**
 * PostgreSQL goes down in the middle of a refresh: the node's pooled connections are terminated by
 * the server ({@code pg_terminate_backend}) and new ones are refused. Tokens cached and still valid
 * keep being served; everything that needs the database fails with a retryable
 * {@link TokenStoreException}; when the database is back, the rotated refresh token that was kept in
 * memory is written, and the next lifetime refreshes with it, so nothing was lost.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DatabaseOutageIT {
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final String APPLICATION = "krebit-outage-node";

  private final PostgresSchema schema = PostgresSchema.create();
  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final SettableClock clock = SettableClock.create();
  private final InProcessAuthorizationServer server = new InProcessAuthorizationServer(LIFETIME, ClusterNode.REDIRECT);
  private final ExecutorService fetches = Executors.newFixedThreadPool(4);
  private final SwitchableDataSource database = new SwitchableDataSource(schema.pool(APPLICATION, 4));
  private final JdbcTokenStore probe = JdbcTokenStore.builder(database).cipher(cipher).build();

  @AfterEach
  void stop() {
    fetches.shutdownNow();
    schema.close();
  }

  private void signIn(AuthorizationCodeFlow flow, String subject) {
    flow.complete(server.callback(flow.begin(ClusterNode.REDIRECT, subject), subject));
  }

  private void takeTheDatabaseDown() {
    database.down();
    schema.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + APPLICATION + "'");
  }

  private void bringTheDatabaseBack() {
    database.up();
    // The pool finds its terminated connections broken one by one; the store is back once a read succeeds.
    await().atMost(Duration.ofSeconds(20)).ignoreException(TokenStoreException.class)
        .until(() -> probe.load(key("steady")).isPresent());
  }

  private static TokenKey key(String subject) {
    return new TokenKey(ClusterNode.TENANT.id(), ClusterNode.CLIENT.clientId(), subject);
  }

  @Test
  void servesCachedTokensDuringAnOutageAndLosesNoRotatedRefreshToken() {
    ClusterNode.createTables(database, cipher);
    AuthorizationCodeFlow flow = ClusterNode.flow(database, cipher, server.endpoint(), clock, fetches);
    signIn(flow, "rotating");
    signIn(flow, "expiring");
    clock.advance(LIFETIME.dividedBy(2));
    signIn(flow, "steady");
    TokenSource rotating = flow.forSubject("rotating");
    TokenSource expiring = flow.forSubject("expiring");
    TokenSource steady = flow.forSubject("steady");
    rotating.token();
    expiring.token();
    AccessToken steadyToken = steady.token();

    // "rotating" and "expiring" expire; the database dies while "rotating" is being refreshed.
    clock.advance(LIFETIME.dividedBy(2).plusMinutes(1));
    server.beforeRefresh(subject -> {
      if (subject.equals("rotating")) {
        takeTheDatabaseDown();
      }
    });

    assertThatThrownBy(rotating::token)
        .isInstanceOfSatisfying(TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(server.refreshRedemptions("rotating")).isEqualTo(1);
    assertThat(steady.token()).isEqualTo(steadyToken);
    assertThatThrownBy(expiring::token)
        .isInstanceOfSatisfying(TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> flow.begin(ClusterNode.REDIRECT, "newcomer"))
        .isInstanceOfSatisfying(TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> probe.compareAndSet(key("newcomer"), 0, probe.load(key("steady")).orElseThrow().record()))
        .isInstanceOf(TokenStoreException.class);

    server.beforeRefresh(subject -> {});
    bringTheDatabaseBack();
    clock.advance(Duration.ofSeconds(20)); // past the sources' backoff after the failures

    AccessToken recovered = rotating.token();
    StoredTokens stored = probe.load(key("rotating")).orElseThrow();
    assertThat(stored.tokens().accessToken()).isEqualTo(recovered);
    assertThat(stored.tokens().refreshToken().map(RefreshToken::value)).contains(server.newestRefreshToken("rotating"));
    assertThat(stored.record().refreshLease()).isEmpty();
    assertThat(server.refreshRedemptions("rotating")).as("the kept token was stored, not fetched again").isEqualTo(1);
    assertThat(expiring.token().isExpiredAt(clock.instant())).isFalse();
    assertThat(steady.token()).isEqualTo(steadyToken);

    clock.advance(LIFETIME);

    assertThat(rotating.token()).isNotEqualTo(recovered);
    assertThat(server.refreshRedemptions("rotating")).isEqualTo(2);
    assertThat(server.invalidGrants()).isZero();
    assertThat(server.revokedFamilies()).isZero();
  }
}
