package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.api.Krebit;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.tink.TinkTokenCipher;

/**
 * The README's JDBC store snippets, verbatim between the {@code README} markers (which the CLI
 * module's {@code ReadmeSnippetsTest} holds against the README), run against H2 and PostgreSQL.
 */
class ReadmeJdbcQuickstartIT {
  private static final TokenKey ALICE = new TokenKey("yourco", "your-client-id", "alice");

  private static TokenRecord someTokens() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    return TokenRecord.of(
        new TokenSet(
            new AccessToken("at", AccessToken.BEARER, now.plusSeconds(3600)),
            Optional.empty(),
            Set.of(),
            now));
  }

  static String newKeyset() {
    // README:begin jdbc-keyset
    String keysetJson = TinkTokenCipher.generateKeysetJson();   // or: tinkey create-keyset --key-template AES256_GCM
    // README:end jdbc-keyset
    return keysetJson;
  }

  static TokenStore embeddedH2(Path dataDirectory, String keysetJson) {
    // README:begin jdbc-h2
    JdbcDataSource h2 = new JdbcDataSource();                   // org.h2.jdbcx.JdbcDataSource
    h2.setURL("jdbc:h2:file:" + dataDirectory.resolve("krebit"));
    TokenCipher cipher = TinkTokenCipher.fromKeysetJson(keysetJson);
    TokenStore tokens = JdbcTokenStore.builder(h2).cipher(cipher).createTableIfMissing(true).build();
    StateRepository states = JdbcStateRepository.builder(h2).cipher(cipher).createTableIfMissing(true).build();
    // README:end jdbc-h2
    return tokens;
  }

  static AuthorizationCodeFlow postgresFlow(
      DataSource dataSource, String keysetJson, KrebitAuthConfig config) {
    // README:begin jdbc-postgresql
    TokenCipher cipher = TinkTokenCipher.fromKeysetJson(keysetJson);
    Krebit krebit = Krebit.builder(config)          // tenant, client and redirect URI, as in the quickstarts
        .tokenStore(JdbcTokenStore.builder(dataSource).cipher(cipher).build())
        .stateRepository(JdbcStateRepository.builder(dataSource).cipher(cipher).build())
        .build();
    AuthorizationCodeFlow flow = krebit.signIn();   // and krebit.users(), krebit.clientFor(userId) share the store
    // README:end jdbc-postgresql
    return flow;
  }

  static Injector withGuice(AbstractModule authModule, DataSource dataSource, String keysetJson) {
    // README:begin jdbc-guice
    Injector injector = Guice.createInjector(
        authModule,                                          // binds the in-memory stores as defaults
        new JdbcStoreModule(dataSource, TinkTokenCipher.fromKeysetJson(keysetJson)));
    TokenStore tokens = injector.getInstance(TokenStore.class); // the JDBC store
    // README:end jdbc-guice
    return injector;
  }

  static String rotate(DataSource dataSource, String keysetJson) {
    // README:begin jdbc-key-rotation
    String oldKeyId = TinkTokenCipher.fromKeysetJson(keysetJson).currentKeyId();
    String rotated = TinkTokenCipher.rotateKeysetJson(keysetJson);     // 1. deploy this to every node
    JdbcTokenStore tokens =
        JdbcTokenStore.builder(dataSource).cipher(TinkTokenCipher.fromKeysetJson(rotated)).build();
    tokens.reencryptToCurrentKey(500);                                 // 2. move the old rows to the new key
    if (tokens.countRowsNotUnderCurrentKey() == 0) {                   // 3. once pending sign-ins have expired too
      rotated = TinkTokenCipher.dropKeyFromKeysetJson(rotated, oldKeyId);
    }
    // README:end jdbc-key-rotation
    return rotated;
  }

  @Test
  void theEmbeddedH2StoreKeepsTokensAcrossRestarts(@TempDir Path dataDirectory) {
    String keysetJson = newKeyset();
    embeddedH2(dataDirectory, keysetJson).compareAndSet(ALICE, 0, someTokens());

    TokenStore afterRestart = embeddedH2(dataDirectory, keysetJson);

    assertThat(afterRestart.load(ALICE).orElseThrow().record()).isEqualTo(someTokens());
  }

  @Test
  void thePostgresFlowKeepsPendingSignInsInTheDatabase() throws SQLException {
    try (PostgresSchema schema = PostgresSchema.create()) {
      DataSource dataSource = schema.pool("readme", 2);
      runShippedScripts(dataSource, JdbcDialect.POSTGRESQL);
      Tenant tenant = Tenant.organization("yourco");

      AuthorizationCodeFlow flow =
          postgresFlow(
              dataSource,
              TinkTokenCipher.generateKeysetJson(),
              KrebitAuthConfig.custom()
                  .tenant(tenant)
                  .clientId("your-client-id")
                  .clientSecret(() -> ClientSecret.of("your-secret"))
                  .redirectUris(URI.create("https://app.example/oauth/callback"))
                  .build());
      flow.begin("alice"); // the one registered redirect URI

      assertThat(new TestDatabaseView(dataSource).count("krebit_pending_authorizations"))
          .isEqualTo(1);
    }
  }

  @Test
  void theGuiceModuleReplacesTheInMemoryStores() {
    DataSource dataSource = H2Database.create();
    Injector injector =
        withGuice(
            new JdbcStoreModuleIT.InMemoryDefaultsModule(),
            dataSource,
            TinkTokenCipher.generateKeysetJson());

    assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    assertThat(injector.getInstance(StateRepository.class)).isInstanceOf(JdbcStateRepository.class);
  }

  @Test
  void rotatingTheKeyEndsWithTheNewKeyAlone() {
    DataSource dataSource = H2Database.create();
    String keysetJson = TinkTokenCipher.generateKeysetJson();
    JdbcTokenStore.builder(dataSource)
        .cipher(TinkTokenCipher.fromKeysetJson(keysetJson))
        .createTableIfMissing(true)
        .build()
        .compareAndSet(ALICE, 0, someTokens());

    String rotated = rotate(dataSource, keysetJson);

    TinkTokenCipher newKeyOnly = TinkTokenCipher.fromKeysetJson(rotated);
    assertThat(newKeyOnly.keyIds()).containsExactly(newKeyOnly.currentKeyId());
    assertThat(JdbcTokenStore.builder(dataSource).cipher(newKeyOnly).build().load(ALICE))
        .isPresent();
  }

  private static void runShippedScripts(DataSource dataSource, JdbcDialect dialect)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(Schema.text(dialect, Schema.TOKENS_SCRIPT));
      statement.execute(Schema.text(dialect, Schema.STATES_SCRIPT));
    }
  }

  /** Counts rows behind the store's back. */
  private record TestDatabaseView(DataSource dataSource) {
    long count(String table) throws SQLException {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
