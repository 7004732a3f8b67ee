package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * The shipped schema scripts, run as a migration tool runs them, and the opt-in create-if-missing.
 */
abstract class SchemaScriptsContract extends DatabaseContract {
  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
  private static final TokenKey ALICE = new TokenKey("tenant", "client", "alice");

  private final TinkTokenCipher cipher = TestCiphers.fresh();

  SchemaScriptsContract(TestDatabase database) {
    super(database);
  }

  private static TokenRecord record(String value) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken(value, AccessToken.BEARER, NOW.plusSeconds(60)),
            Optional.empty(),
            Set.of(),
            NOW));
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private void runScriptAsIs(String script) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(Schema.text(database.dialect(), script));
    }
  }

  @Test
  void theShippedScriptsCreateWhatTheStoresUseUnderTheirDefaultNames() throws SQLException {
    runScriptAsIs("V1__krebit_tokens.sql");
    runScriptAsIs("V2__krebit_pending_authorizations.sql");
    runScriptAsIs("V3__krebit_webhook_deliveries.sql");
    runScriptAsIs("V1__krebit_tokens.sql"); // a second run changes nothing
    runScriptAsIs("V3__krebit_webhook_deliveries.sql");
    JdbcTokenStore store = JdbcTokenStore.builder(database.dataSource()).cipher(cipher).build();
    JdbcStateRepository states =
        JdbcStateRepository.builder(database.dataSource()).cipher(cipher).build();
    JdbcDeliveryDeduplicator deliveries =
        JdbcDeliveryDeduplicator.builder(database.dataSource()).build();

    store.compareAndSet(ALICE, 0, record("a1"));
    PendingAuthorization pending =
        new PendingAuthorization(
            "state-1",
            URI.create("https://app.example/cb"),
            "alice",
            Optional.of("verifier"),
            Optional.empty(),
            Set.of(),
            Instant.now(),
            Instant.now().plusSeconds(600));
    states.save(pending);

    assertThat(store.load(ALICE).orElseThrow().record()).isEqualTo(record("a1"));
    assertThat(states.consume("state-1")).isEqualTo(new StateConsumption.Consumed(pending));
    assertThat(deliveries.claim(DeliveryKey.ofEvent("signing.sent", "evt_1"))).isTrue();
    assertThat(deliveries.claim(DeliveryKey.ofEvent("signing.sent", "evt_1"))).isFalse();
    assertThat(database.dialect().schemaLocation()).startsWith("db/krebit/");
  }

  @Test
  void theDeliveriesTableHoldsDigestsAndInstantsOnlyAndExpiredClaimsArePurged() {
    String table = uniqueName("deliveries");
    SettableClock clock = SettableClock.startingAt(NOW);
    JdbcDeliveryDeduplicator deliveries =
        JdbcDeliveryDeduplicator.builder(database.dataSource())
            .tableName(table)
            .clock(clock)
            .retention(Duration.ofHours(1))
            .createTableIfMissing(true)
            .build();
    deliveries.claim(DeliveryKey.ofEvent("signing.sent", "evt_secretive_id"));
    clock.advance(Duration.ofMinutes(30));
    deliveries.claim(DeliveryKey.ofDeliveryId("delivery-2"));

    List<Map<String, Object>> rows =
        database.query("SELECT * FROM " + table + " ORDER BY claimed_at");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).keySet()).containsExactly("delivery_key", "claimed_at", "expires_at");
    assertThat((byte[]) rows.get(0).get("delivery_key"))
        .isEqualTo(DeliveryKey.ofEvent("signing.sent", "evt_secretive_id").digest())
        .hasSize(32);

    clock.advance(Duration.ofMinutes(30));
    assertThat(deliveries.purgeExpired()).isEqualTo(1);
    assertThat(database.query("SELECT * FROM " + table)).hasSize(1);
    assertThat(deliveries.claim(DeliveryKey.ofEvent("signing.sent", "evt_secretive_id"))).isTrue();
    assertThat(deliveries.claim(DeliveryKey.ofDeliveryId("delivery-2"))).isFalse();
  }

  @Test
  void createTableIfMissingCreatesOnceAndKeepsTheRows() {
    String table = uniqueName("tokens");
    JdbcTokenStore.Builder builder =
        JdbcTokenStore.builder(database.dataSource())
            .cipher(cipher)
            .tableName(table)
            .createTableIfMissing(true);
    builder.build().compareAndSet(ALICE, 0, record("a1"));

    JdbcTokenStore again = builder.build();

    assertThat(again.load(ALICE).orElseThrow().record()).isEqualTo(record("a1"));
  }

  @Test
  void tablesMayLiveInAnotherSchema() {
    String schema = uniqueName("auth");
    database.update("CREATE SCHEMA " + schema);
    JdbcTokenStore store =
        JdbcTokenStore.builder(database.dataSource())
            .cipher(cipher)
            .tableName(schema + ".tokens")
            .createTableIfMissing(true)
            .build();
    JdbcStateRepository states =
        JdbcStateRepository.builder(database.dataSource())
            .cipher(cipher)
            .tableName(schema + ".pending")
            .createTableIfMissing(true)
            .build();

    store.compareAndSet(ALICE, 0, record("a1"));
    states.save(
        new PendingAuthorization(
            "s",
            URI.create("https://app.example/cb"),
            "alice",
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            NOW,
            NOW.plusSeconds(60)));

    assertThat(database.query("SELECT subject FROM " + schema + ".tokens")).hasSize(1);
    assertThat(database.query("SELECT key_id FROM " + schema + ".pending")).hasSize(1);
  }

  @Test
  void aMissingTableIsANonRetryableErrorThatSaysHowToCreateIt() {
    JdbcTokenStore store =
        JdbcTokenStore.builder(database.dataSource())
            .cipher(cipher)
            .tableName(uniqueName("absent"))
            .build();

    assertThatThrownBy(() -> store.load(ALICE))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("createTableIfMissing");
  }

  @Test
  void theDialectIsLearntFromTheDatabaseOrTakenAsConfigured() {
    String table = uniqueName("tokens");
    JdbcTokenStore configured =
        JdbcTokenStore.builder(database.dataSource())
            .cipher(cipher)
            .tableName(table)
            .dialect(database.dialect())
            .createTableIfMissing(true)
            .build();

    assertThat(configured.compareAndSet(ALICE, 0, record("a1"))).isPresent();
    assertThat(configured.compareAndSet(ALICE, 0, record("a2"))).isEmpty();
  }
}
