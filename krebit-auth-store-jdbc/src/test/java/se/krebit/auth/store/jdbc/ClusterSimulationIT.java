package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * Eight nodes, each with its own token caches, token endpoint and connection pool, sharing one
 * PostgreSQL database and the fake Krebit server over HTTP, with refresh-token rotation and reuse
 * detection on (reusing a rotated refresh token revokes its family). 200 users sign in, each begun
 * on one node and completed on another; then the shared clock (the fake's and the nodes') moves
 * through 20 token lifetimes, and at each expiry every node asks for every user's token at once.
 * The fake's journal must show each user's refresh token redeemed exactly once per lifetime, no
 * {@code invalid_grant}, and no revoked family.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterSimulationIT {
  private static final int NODES = 8;
  private static final int SUBJECTS = 200;
  private static final int LIFETIMES = 20;
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final PostgresSchema schema = PostgresSchema.create();
  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final SettableClock clock = SettableClock.create();
  private final ClusterAuthorizationServer krebit =
      ClusterAuthorizationServer.start(clock, LIFETIME);
  private final ExecutorService callers = Executors.newFixedThreadPool(32);
  private final List<ExecutorService> fetchers = new ArrayList<>();
  private final List<AuthorizationCodeFlow> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    callers.shutdownNow();
    fetchers.forEach(ExecutorService::shutdownNow);
    krebit.close();
    schema.close();
  }

  @Test
  void eachRefreshTokenIsRedeemedOncePerLifetimeAcrossEightNodes() throws Exception {
    ClusterNode.createTables(schema.pool("cluster-setup", 2), cipher);
    for (int n = 0; n < NODES; n++) {
      ExecutorService fetches = Executors.newFixedThreadPool(4);
      fetchers.add(fetches);
      nodes.add(
          ClusterNode.flow(
              krebit.tenant(),
              krebit.endpoint(),
              schema.pool("cluster-node-" + n, 4),
              cipher,
              clock,
              fetches));
    }
    for (int i = 0; i < SUBJECTS; i++) {
      String subject = ClusterNode.subject(i);
      var redirect = nodes.get(i % NODES).begin(ClusterNode.REDIRECT, subject);
      nodes.get((i + 3) % NODES).complete(krebit.callback(redirect.uri(), subject));
    }

    Map<String, Set<String>> served = everyNodeAsksForEveryToken();
    assertThat(served)
        .hasSize(SUBJECTS)
        .allSatisfy((subject, tokens) -> assertThat(tokens).hasSize(1));
    for (int i = 0; i < SUBJECTS; i++) {
      assertThat(krebit.refreshRedemptions(ClusterNode.subject(i))).isZero();
    }

    for (int lifetime = 1; lifetime <= LIFETIMES; lifetime++) {
      clock.advance(LIFETIME);

      served = everyNodeAsksForEveryToken();

      krebit.assertRedeemedOncePerLifetime(SUBJECTS, lifetime);
      for (int i = 0; i < SUBJECTS; i++) {
        String subject = ClusterNode.subject(i);
        assertThat(served.get(subject)).as("tokens the nodes serve for %s", subject).hasSize(1);
      }
    }

    JdbcTokenStore reader =
        JdbcTokenStore.builder(schema.pool("cluster-check", 2)).cipher(cipher).build();
    Map<String, AccessToken> newest = krebit.assertStoreHoldsTheNewestTokens(reader, SUBJECTS);
    for (var stored : newest.entrySet()) {
      assertThat(served.get(stored.getKey()))
          .as("what the nodes served %s last", stored.getKey())
          .containsExactly(stored.getValue().value());
    }
  }

  /**
   * Every node asks for every subject's token, all at once; the distinct tokens served per subject.
   */
  private Map<String, Set<String>> everyNodeAsksForEveryToken() throws Exception {
    Map<String, List<Future<AccessToken>>> asked = new HashMap<>();
    for (int i = 0; i < SUBJECTS; i++) {
      String subject = ClusterNode.subject(i);
      for (AuthorizationCodeFlow node : nodes) {
        asked
            .computeIfAbsent(subject, s -> new ArrayList<>())
            .add(callers.submit(() -> node.forSubject(subject).token()));
      }
    }
    Map<String, Set<String>> served = new HashMap<>();
    for (var entry : asked.entrySet()) {
      Set<String> tokens = new HashSet<>();
      for (Future<AccessToken> token : entry.getValue()) {
        tokens.add(token.get(60, TimeUnit.SECONDS).value());
      }
      served.put(entry.getKey(), tokens);
    }
    return served;
  }
}
