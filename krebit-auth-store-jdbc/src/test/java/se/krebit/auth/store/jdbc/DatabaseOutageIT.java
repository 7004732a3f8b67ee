package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSource;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * PostgreSQL goes down in the middle of a refresh: the node's pooled connections are terminated by
 * the server ({@code pg_terminate_backend}) and new ones are refused. Tokens cached and still valid
 * keep being served; everything that needs the database fails with a retryable {@link
 * TokenStoreException}; when the database is back, the rotated refresh token that was kept in
 * memory is written, and the next lifetime refreshes with it at the fake Krebit server, so nothing
 * was lost. The outage starts as the refresh request leaves for the fake, after the node took its
 * lease: the fake redeems the refresh token, and the node cannot store the rotated one.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DatabaseOutageIT {
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final String APPLICATION = "krebit-outage-node";

  private final PostgresSchema schema = PostgresSchema.create();
  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final SettableClock clock = SettableClock.create();
  private final ClusterAuthorizationServer krebit =
      ClusterAuthorizationServer.start(clock, LIFETIME);
  private final AtomicReference<Runnable> beforeNextRefresh = new AtomicReference<>();
  private final ExecutorService fetches = Executors.newFixedThreadPool(4);
  private final SwitchableDataSource database =
      new SwitchableDataSource(schema.pool(APPLICATION, 4));
  private final JdbcTokenStore probe = JdbcTokenStore.builder(database).cipher(cipher).build();

  @AfterEach
  void stop() {
    fetches.shutdownNow();
    krebit.close();
    schema.close();
  }

  private void signIn(AuthorizationCodeFlow flow, String subject) {
    flow.complete(krebit.callback(flow.begin(ClusterNode.REDIRECT, subject).uri(), subject));
  }

  private void takeTheDatabaseDown() {
    database.down();
    schema.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
            + APPLICATION
            + "'");
  }

  private void bringTheDatabaseBack() {
    database.up();
    // The pool finds its terminated connections broken one by one; the store is back once a read
    // succeeds.
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(TokenStoreException.class)
        .until(() -> probe.load(key("steady")).isPresent());
  }

  private TokenKey key(String subject) {
    return ClusterNode.key(krebit.tenant(), subject);
  }

  /**
   * The fake's token endpoint, running {@link #beforeNextRefresh} once as the next refresh request
   * leaves.
   */
  private TokenEndpoint endpoint() {
    TokenEndpoint fake = krebit.endpoint();
    return (client, grant) -> {
      if (grant instanceof RefreshTokenGrant) {
        Runnable hook = beforeNextRefresh.getAndSet(null);
        if (hook != null) {
          hook.run();
        }
      }
      return fake.exchange(client, grant);
    };
  }

  @Test
  void servesCachedTokensDuringAnOutageAndLosesNoRotatedRefreshToken() {
    ClusterNode.createTables(database, cipher);
    AuthorizationCodeFlow flow =
        ClusterNode.flow(krebit.tenant(), endpoint(), database, cipher, clock, fetches);
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
    beforeNextRefresh.set(this::takeTheDatabaseDown);

    assertThatThrownBy(rotating::token)
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(beforeNextRefresh.get())
        .as("the outage began as the refresh of \"rotating\" left")
        .isNull();
    assertThat(krebit.refreshRedemptions("rotating")).isEqualTo(1);
    assertThat(steady.token()).isEqualTo(steadyToken);
    assertThatThrownBy(expiring::token)
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> flow.begin(ClusterNode.REDIRECT, "newcomer"))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(
            () ->
                probe.compareAndSet(
                    key("newcomer"), 0, probe.load(key("steady")).orElseThrow().record()))
        .isInstanceOf(TokenStoreException.class);

    bringTheDatabaseBack();
    clock.advance(Duration.ofSeconds(20)); // past the sources' backoff after the failures

    AccessToken recovered = rotating.token();
    StoredTokens stored = probe.load(key("rotating")).orElseThrow();
    assertThat(stored.tokens().accessToken()).isEqualTo(recovered);
    assertThat(
            krebit.isNewestRefreshToken(
                "rotating", stored.tokens().refreshToken().map(RefreshToken::value).orElseThrow()))
        .as("the stored refresh token is the one the fake issued last")
        .isTrue();
    assertThat(stored.record().refreshLease()).isEmpty();
    assertThat(krebit.refreshRedemptions("rotating"))
        .as("the kept token was stored, not fetched again")
        .isEqualTo(1);
    assertThat(expiring.token().isExpiredAt(clock.instant())).isFalse();
    assertThat(steady.token()).isEqualTo(steadyToken);

    clock.advance(LIFETIME);

    AccessToken next = rotating.token();
    assertThat(next).isNotEqualTo(recovered);
    assertThat(krebit.refreshRedemptions("rotating")).isEqualTo(2);
    assertThat(krebit.refreshRedemptions("expiring")).isEqualTo(1);
    assertThat(krebit.failedTokenRequests()).as("token requests that got no token").isEmpty();
    assertThat(krebit.refusedByTheApi(Map.of("rotating", next)))
        .as("users whose token family was revoked")
        .isEmpty();
  }
}
