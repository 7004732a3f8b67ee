package se.krebit.auth.store.jdbc;

import java.net.URI;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.Tenant;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.testkit.SettableClock;

/**
 * One application node of a simulated cluster: an {@link AuthorizationCodeFlow} with its own token
 * cache per subject, over the shared database through its own pool, on the shared clock.
 */
final class ClusterNode {
  static final Tenant TENANT = Tenant.organization("cluster");
  static final ClientCredentials CLIENT = ClientCredentials.of("cluster-app", "cluster-secret");
  static final URI REDIRECT = URI.create("https://app.example/oauth/callback");

  private ClusterNode() {}

  static AuthorizationCodeFlow flow(
      DataSource database, TokenCipher cipher, TokenEndpoint endpoint, SettableClock clock, Executor fetches) {
    return flow(database, cipher, endpoint, clock, fetches, RefreshPolicy.defaults());
  }

  static AuthorizationCodeFlow flow(
      DataSource database, TokenCipher cipher, TokenEndpoint endpoint, SettableClock clock, Executor fetches,
      RefreshPolicy policy) {
    return AuthorizationCodeFlow.builder()
        .tenant(TENANT)
        .client(CLIENT)
        .endpoint(endpoint)
        .redirectUri(REDIRECT)
        .tokenStore(JdbcTokenStore.builder(database).cipher(cipher).build())
        .stateRepository(JdbcStateRepository.builder(database).cipher(cipher).clock(clock).build())
        .clock(clock)
        .executor(fetches)
        .refreshPolicy(policy)
        .build();
  }

  /** Creates the tables the cluster shares. */
  static void createTables(DataSource database, TokenCipher cipher) {
    JdbcTokenStore.builder(database).cipher(cipher).createTableIfMissing(true).build();
    JdbcStateRepository.builder(database).cipher(cipher).createTableIfMissing(true).build();
  }

  static String subject(int i) {
    return String.format("user-%03d", i);
  }
}
