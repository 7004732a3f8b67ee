package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AccessToken;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * Three nodes in three JVMs ({@link ClusterNodeMain}, started from the test class path) sharing one
 * PostgreSQL database and the fake Krebit server, which runs in this JVM and which they reach over
 * HTTP, with refresh-token rotation and reuse detection on. Users sign in across processes: begun
 * on one node, completed on the next. Then time moves through token lifetimes, the same way on the
 * fake and on every node: this JVM advances the fake's clock and sends each node the new time, so
 * all agree on when tokens expire, without waiting for real time to pass. After each expiry all
 * three ask for every user's token at once. The fake's journal must show each user's refresh token
 * redeemed exactly once per lifetime, no {@code invalid_grant}, and no revoked family.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MultiProcessClusterIT {
  private static final int PROCESSES = 3;
  private static final int SUBJECTS = 100;
  private static final int LIFETIMES = 10;
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final PostgresSchema schema = PostgresSchema.create();
  private final String keyset = TinkTokenCipher.generateKeysetJson();
  private final SettableClock clock = SettableClock.create();
  private final ClusterAuthorizationServer krebit =
      ClusterAuthorizationServer.start(clock, LIFETIME);
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    NodeProcess.stopAll(nodes);
    krebit.close();
    schema.close();
  }

  @Test
  void threeJvmsRedeemEachRefreshTokenOncePerLifetime() throws Exception {
    TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(keyset);
    ClusterNode.createTables(schema.pool("multi-process-setup", 2), cipher);
    for (int n = 0; n < PROCESSES; n++) {
      nodes.add(start(n));
    }
    for (NodeProcess node : nodes) {
      node.await("node ready");
    }
    signInEveryUser();

    String served = askEverywhere();
    for (int i = 0; i < SUBJECTS; i++) {
      assertThat(krebit.refreshRedemptions(ClusterNode.subject(i))).isZero();
    }

    for (int lifetime = 1; lifetime <= LIFETIMES; lifetime++) {
      clock.advance(LIFETIME);
      for (NodeProcess node : nodes) {
        node.send("time " + clock.millis());
      }
      for (NodeProcess node : nodes) {
        node.await("node ok");
      }

      served = askEverywhere();

      krebit.assertRedeemedOncePerLifetime(SUBJECTS, lifetime);
    }

    JdbcTokenStore reader =
        JdbcTokenStore.builder(schema.pool("multi-process-check", 2)).cipher(cipher).build();
    Map<String, AccessToken> newest = krebit.assertStoreHoldsTheNewestTokens(reader, SUBJECTS);
    assertThat(served)
        .as("what the nodes served last is what the store holds")
        .isEqualTo(ClusterNodeMain.served(newest));
  }

  /**
   * Each user's sign-in is begun on one node and completed on the next. A node answers its commands
   * in order, so they are sent in batches and the answers read back in the same order.
   */
  private void signInEveryUser() throws InterruptedException {
    for (int i = 0; i < SUBJECTS; i++) {
      nodes.get(i % PROCESSES).send("begin " + ClusterNode.subject(i));
    }
    List<URI> callbacks = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      URI authorize = URI.create(nodes.get(i % PROCESSES).await("node redirect"));
      callbacks.add(krebit.callback(authorize, ClusterNode.subject(i)));
    }
    for (int i = 0; i < SUBJECTS; i++) {
      nodes.get((i + 1) % PROCESSES).send("complete " + callbacks.get(i));
    }
    for (int i = 0; i < SUBJECTS; i++) {
      assertThat(nodes.get((i + 1) % PROCESSES).await("node signed-in"))
          .isEqualTo(ClusterNode.subject(i));
    }
  }

  /**
   * Every node asks for every user's token at once; all must serve every user, and the same tokens.
   *
   * @return {@link ClusterNodeMain#served} of the tokens served
   */
  private String askEverywhere() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.send("ask");
    }
    List<String> digests = new ArrayList<>();
    for (NodeProcess node : nodes) {
      String[] asked = node.await("node asked").split(" ");
      assertThat(asked[0] + " " + asked[1])
          .as("tokens served and failed")
          .isEqualTo(SUBJECTS + " 0");
      digests.add(asked[2]);
    }
    assertThat(digests)
        .as("which token each node serves for each user")
        .containsOnly(digests.get(0));
    return digests.get(0);
  }

  private NodeProcess start(int n) throws IOException {
    return NodeProcess.start(
        "cluster-node-" + n,
        ClusterNodeMain.class,
        Map.of("KREBIT_NODE_KEYSET", keyset),
        schema.name(),
        Integer.toString(SUBJECTS),
        krebit.tenant().baseUri().toString(),
        Long.toString(clock.millis()));
  }
}
