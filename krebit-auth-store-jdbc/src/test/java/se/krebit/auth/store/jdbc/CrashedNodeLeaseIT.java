package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenAcquisitionTimeoutException;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.testing.SettableClock;

/**
 * A node takes a user's refresh lease in PostgreSQL and dies before redeeming. Another node waits a
 * bounded time and gives up without redeeming; once the lease has lapsed it takes the lease over
 * and refreshes at the fake Krebit server, exactly once.
 */
class CrashedNodeLeaseIT {
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Duration LEASE = AuthorizationCodeFlow.DEFAULT_LEASE_DURATION;

  private final PostgresFlow cluster = new PostgresFlow("crashed-node", LIFETIME);
  private final SettableClock clock = cluster.clock;
  private final ClusterAuthorizationServer krebit = cluster.krebit;

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aLeaseLeftByACrashedNodeLapsesAndIsTakenOverOnce() {
    RefreshPolicy impatient = RefreshPolicy.custom().acquireTimeout(Duration.ofSeconds(1)).build();
    AuthorizationCodeFlow survivor = cluster.signedIn("alice", impatient);
    JdbcTokenStore store = cluster.store();
    TokenKey alice = cluster.key("alice");
    clock.advance(LIFETIME);

    // What a node does first when it refreshes; then it crashes.
    StoredTokens stored = store.load(alice).orElseThrow();
    RefreshLease crashed = new RefreshLease("crashed-node", clock.instant().plus(LEASE));
    assertThat(store.compareAndSet(alice, stored.version(), stored.record().leasedTo(crashed)))
        .isPresent();

    assertThatThrownBy(() -> survivor.forSubject("alice").token())
        .isInstanceOf(TokenAcquisitionTimeoutException.class);
    assertThat(krebit.refreshRedemptions("alice")).isZero();

    clock.advance(LEASE.plusSeconds(1));
    AccessToken refreshed = survivor.forSubject("alice").token();

    assertThat(refreshed.isExpiredAt(clock.instant())).isFalse();
    assertThat(krebit.refreshRedemptions("alice")).isEqualTo(1);
    assertThat(krebit.failedTokenRequests()).isEmpty();
    StoredTokens after = store.load(alice).orElseThrow();
    assertThat(after.record().refreshLease()).isEmpty();
    assertThat(
            krebit.isNewestRefreshToken(
                "alice", after.tokens().refreshToken().map(RefreshToken::value).orElseThrow()))
        .isTrue();
    assertThat(krebit.refusedByTheApi(Map.of("alice", refreshed))).isEmpty();
  }
}
