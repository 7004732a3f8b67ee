package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.testing.SettableClock;

/**
 * One application node of a simulated cluster: an {@link AuthorizationCodeFlow} with its own token
 * cache per subject and its own token endpoint, over the shared database through its own pool, on a
 * clock that agrees with the authorization server's.
 */
final class ClusterNode {
  static final ClientCredentials CLIENT = ClientCredentials.of("cluster-app", "cluster-secret");
  static final URI REDIRECT = URI.create("https://app.example/oauth/callback");

  private ClusterNode() {}

  static AuthorizationCodeFlow flow(
      Tenant tenant,
      TokenEndpoint endpoint,
      DataSource database,
      TokenCipher cipher,
      SettableClock clock,
      Executor fetches) {
    return flow(tenant, endpoint, database, cipher, clock, fetches, RefreshPolicy.ofDefaults());
  }

  static AuthorizationCodeFlow flow(
      Tenant tenant,
      TokenEndpoint endpoint,
      DataSource database,
      TokenCipher cipher,
      SettableClock clock,
      Executor fetches,
      RefreshPolicy policy) {
    return AuthorizationCodeFlow.builder()
        .tenant(tenant)
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

  /**
   * A connection pool on the test PostgreSQL server named by {@link PostgresServer}'s environment
   * variables, in {@code schema}: how a node in a JVM of its own reaches the shared database.
   */
  static HikariDataSource databaseFromEnvironment(String schema, String poolName, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getenv(PostgresServer.URL_ENV));
    config.setUsername(System.getenv(PostgresServer.USER_ENV));
    config.setPassword(System.getenv(PostgresServer.PASSWORD_ENV));
    config.setSchema(schema);
    config.setMaximumPoolSize(size);
    config.setPoolName(poolName);
    return new HikariDataSource(config);
  }

  /** Creates the tables the cluster shares. */
  static void createTables(DataSource database, TokenCipher cipher) {
    JdbcTokenStore.builder(database).cipher(cipher).createTableIfMissing(true).build();
    JdbcStateRepository.builder(database).cipher(cipher).createTableIfMissing(true).build();
  }

  static TokenKey key(Tenant tenant, String subject) {
    return TokenKey.of(tenant, CLIENT, subject);
  }

  static String subject(int i) {
    return String.format("user-%03d", i);
  }
}
