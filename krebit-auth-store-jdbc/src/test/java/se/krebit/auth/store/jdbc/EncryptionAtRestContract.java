package se.krebit.auth.store.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * What encryption at rest promises, checked behind the store's back with raw SQL: no token, state
 * or PKCE verifier in the tables, and rows that were tampered with, swapped, rolled back or written
 * under another key give a typed, non-retryable error and nothing else.
 */
abstract class EncryptionAtRestContract extends DatabaseContract {
  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final JdbcTokenStore store;
  private final JdbcStateRepository states;
  private final SettableClock clock = SettableClock.startingAt(NOW);
  private String tenant;

  EncryptionAtRestContract(TestDatabase database) {
    super(database);
    this.store = database.tokenStore(cipher);
    this.states = database.stateRepository(cipher, clock);
  }

  @BeforeEach
  final void newTenant() {
    tenant = "tenant-" + UUID.randomUUID();
  }

  private TokenKey key(String subject) {
    return new TokenKey(tenant, "client-1", subject);
  }

  private static TokenRecord record(String access, String refresh) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken(access, AccessToken.BEARER, NOW.plusSeconds(3600)),
            Optional.of(new RefreshToken(refresh)),
            Set.of("read"),
            NOW));
  }

  private static String planted(String what) {
    return "PLANTED-" + what + "-" + UUID.randomUUID();
  }

  /** Every byte of every column of every row, as the database returns it. */
  private List<byte[]> rawCells(String table) {
    return database.query("SELECT * FROM " + table).stream()
        .flatMap(row -> row.values().stream())
        .map(value -> value instanceof byte[] bytes ? bytes : String.valueOf(value).getBytes(UTF_8))
        .toList();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private boolean anyCellContains(String table, String secret) {
    byte[] needle = secret.getBytes(UTF_8);
    return rawCells(table).stream().anyMatch(cell -> contains(cell, needle));
  }

  private void assertNoCellContains(String table, String... secrets) {
    assertThat(rawCells(table)).isNotEmpty();
    for (String secret : secrets) {
      assertThat(anyCellContains(table, secret))
          .as("a column of %s holds %s in plaintext", table, secret)
          .isFalse();
    }
  }

  private Map<String, Object> row(TokenKey key) {
    return database
        .query(
            "SELECT version, key_id, token_record FROM krebit_tokens WHERE tenant = ? AND client_id = ? AND subject = ?",
            key.tenant(),
            key.clientId(),
            key.subject())
        .get(0);
  }

  private void assertUnreadable(TokenKey key) {
    assertThatThrownBy(() -> store.load(key))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining(key.subject());
  }

  @Test
  void noTokenIsStoredInPlaintext() {
    String access = planted("ACCESS");
    String refresh = planted("REFRESH");
    String leaseOwner = planted("OWNER");
    store.compareAndSet(key("alice"), 0, record(access, refresh));
    store.compareAndSet(
        key("alice"), 1, record(access, refresh).leasedTo(new RefreshLease(leaseOwner, NOW)));

    assertNoCellContains("krebit_tokens", access, refresh);
    assertThat(store.load(key("alice")).orElseThrow().tokens().refreshToken())
        .contains(new RefreshToken(refresh));
  }

  @Test
  void theSearchFindsTokensThatAreStoredInPlaintext() {
    String access = planted("ACCESS");
    JdbcTokenStore plaintext =
        JdbcTokenStore.builder(database.dataSource()).allowPlaintextForTests().build();
    plaintext.compareAndSet(key("plain"), 0, record(access, planted("REFRESH")));

    assertThat(anyCellContains("krebit_tokens", access)).isTrue();
    plaintext.delete(key("plain"));
  }

  @Test
  void neitherStateNorPkceVerifierIsStoredInPlaintext() {
    String state = planted("STATE");
    String verifier = planted("VERIFIER");
    states.save(
        new PendingAuthorization(
            state,
            URI.create("https://app.example/cb"),
            "alice",
            Optional.of(verifier),
            Optional.empty(),
            Set.of(),
            NOW,
            NOW.plusSeconds(600)));

    assertNoCellContains("krebit_pending_authorizations", state, verifier);
    assertThat(states.consume(state)).isInstanceOf(StateConsumption.Consumed.class);
  }

  @Test
  void aTamperedCiphertextIsATypedErrorAndNothingIsReturned() {
    String access = planted("ACCESS");
    String refresh = planted("REFRESH");
    store.compareAndSet(key("alice"), 0, record(access, refresh));
    byte[] bytes = (byte[]) row(key("alice")).get("token_record");
    bytes[bytes.length / 2] ^= 0x40;
    database.update(
        "UPDATE krebit_tokens SET token_record = ? WHERE tenant = ? AND subject = ?",
        bytes,
        tenant,
        "alice");

    assertUnreadable(key("alice"));
    assertThatThrownBy(() -> store.load(key("alice")))
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain(access)
                    .doesNotContain(refresh);
              }
            });
  }

  @Test
  void aCiphertextCopiedIntoAnotherRowIsATypedError() {
    store.compareAndSet(key("alice"), 0, record("alice-access", "alice-refresh"));
    store.compareAndSet(key("mallory"), 0, record("mallory-access", "mallory-refresh"));
    Map<String, Object> alice = row(key("alice"));

    database.update(
        "UPDATE krebit_tokens SET key_id = ?, token_record = ?, version = ? WHERE tenant = ? AND subject = ?",
        alice.get("key_id"),
        alice.get("token_record"),
        alice.get("version"),
        tenant,
        "mallory");

    assertUnreadable(key("mallory"));
    assertThat(store.load(key("alice")).orElseThrow().tokens().accessToken().value())
        .isEqualTo("alice-access");
  }

  @Test
  void anOlderCiphertextPutBackIntoItsRowIsATypedError() {
    store.compareAndSet(key("alice"), 0, record("old-access", "old-refresh"));
    Map<String, Object> old = row(key("alice"));
    store.compareAndSet(key("alice"), 1, record("new-access", "new-refresh"));

    database.update(
        "UPDATE krebit_tokens SET token_record = ?, key_id = ? WHERE tenant = ? AND subject = ?",
        old.get("token_record"),
        old.get("key_id"),
        tenant,
        "alice");

    assertUnreadable(key("alice"));
  }

  @Test
  void aRowUnderAnotherKeysetIsATypedError() {
    store.compareAndSet(key("alice"), 0, record("a1", "r1"));
    JdbcTokenStore wrongKey = store.toBuilder().cipher(TestCiphers.fresh()).build();

    assertThatThrownBy(() -> wrongKey.load(key("alice")))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("not in this keyset");
  }

  @Test
  void aPlaintextRowIsRefusedByAnEncryptingStore() {
    JdbcTokenStore plaintext =
        JdbcTokenStore.builder(database.dataSource()).allowPlaintextForTests().build();
    plaintext.compareAndSet(key("alice"), 0, record("planted-by-an-attacker", "r1"));

    assertUnreadable(key("alice"));
  }

  @Test
  void aPendingAuthorizationSwappedIntoAnotherStateIsATypedError() {
    String honest = planted("STATE");
    String forged = planted("STATE");
    states.save(
        new PendingAuthorization(
            honest,
            URI.create("https://app.example/cb"),
            "alice",
            Optional.of("v1"),
            Optional.of("/inbox"),
            Set.of(),
            NOW,
            NOW.plusSeconds(600)));
    states.save(
        new PendingAuthorization(
            forged,
            URI.create("https://app.example/cb"),
            "mallory",
            Optional.of("v2"),
            Optional.empty(),
            Set.of(),
            NOW,
            NOW.plusSeconds(600)));
    Object honestRequest =
        database
            .query(
                "SELECT pending_authorization FROM krebit_pending_authorizations WHERE state_hash = ?",
                JdbcStateRepository.hash(honest))
            .get(0)
            .get("pending_authorization");

    database.update(
        "UPDATE krebit_pending_authorizations SET pending_authorization = ? WHERE state_hash = ?",
        honestRequest,
        JdbcStateRepository.hash(forged));

    assertThatThrownBy(() -> states.consume(forged))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThat(states.consume(honest)).isInstanceOf(StateConsumption.Consumed.class);
  }
}
