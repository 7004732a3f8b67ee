package se.krebit.auth.store.jdbc;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenKey;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * One application's sign-in flow on a PostgreSQL schema of its own against the fake Krebit server,
 * on a settable clock: what tests of a store's behind-the-back life (crashed nodes, restored rows)
 * start from. Each {@link #flow} is another node sharing the schema.
 */
final class PostgresFlow implements AutoCloseable {
  final SettableClock clock = SettableClock.create();
  final ClusterAuthorizationServer krebit;
  final PostgresSchema schema = PostgresSchema.create();
  private final DataSource database;
  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final ExecutorService fetches = Executors.newFixedThreadPool(2);

  PostgresFlow(String name, Duration tokenLifetime) {
    krebit = ClusterAuthorizationServer.start(clock, tokenLifetime);
    database = schema.pool(name, 4);
    ClusterNode.createTables(database, cipher);
  }

  /** A node with {@code policy}. */
  AuthorizationCodeFlow flow(RefreshPolicy policy) {
    return ClusterNode.flow(
        krebit.tenant(), krebit.endpoint(), database, cipher, clock, fetches, policy);
  }

  /** A node with the default policy, on which {@code subject} has just signed in. */
  AuthorizationCodeFlow signedIn(String subject) {
    return signedIn(subject, RefreshPolicy.ofDefaults());
  }

  /** A node with {@code policy}, on which {@code subject} has just signed in. */
  AuthorizationCodeFlow signedIn(String subject, RefreshPolicy policy) {
    AuthorizationCodeFlow flow = flow(policy);
    flow.complete(krebit.callback(flow.begin(ClusterNode.REDIRECT, subject).uri(), subject));
    return flow;
  }

  /** The store the nodes share, as a node sees it. */
  JdbcTokenStore store() {
    return JdbcTokenStore.builder(database).cipher(cipher).build();
  }

  TokenKey key(String subject) {
    return ClusterNode.key(krebit.tenant(), subject);
  }

  @Override
  public void close() {
    fetches.shutdownNow();
    krebit.close();
    schema.close();
  }
}
