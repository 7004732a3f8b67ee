package se.krebit.auth.store.jdbc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.KrebitException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.testkit.hostile.FuzzInvariants;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Fuzzes what the JDBC store reads back: a row tampered with in the database (its record bytes
 * replaced or edited, its key id changed, in the clear or under Tink), or a pending authorization's
 * bytes. Whatever the row holds, {@code load} and {@code consume} give the stored value or a typed
 * {@link se.krebit.auth.TokenStoreException}, within the store's query timeouts, and nothing read
 * from the row (a refresh token, say) shows in a message or a log line.
 *
 * <p>The input's first byte picks the tampering; the rest is its material (see {@link #tamper}).
 */
class StoreRowFuzzIT {
  private static final String REFRESH = "rt-PLANTED-row-1b6f";
  private static final String ACCESS = "at-PLANTED-row-9c2e";
  private static final String VERIFIER = "pkce-PLANTED-row-4d7a";
  private static final Instant OBTAINED = Instant.parse("2030-01-01T10:00:00Z");
  private static final ClientCredentials CLIENT =
      ClientCredentials.of("app-1", "cs-PLANTED-row-0e3f");

  /**
   * Each tampering writes then reads: two statements, each bounded by the store's query timeout.
   */
  private static final Duration DEADLINE = JdbcTokenStore.DEFAULT_QUERY_TIMEOUT.multipliedBy(2);

  private static DataSource database;
  private static JdbcTokenStore plain;
  private static JdbcTokenStore sealed;
  private static JdbcStateRepository states;

  @BeforeAll
  static void open() {
    List.of(REFRESH, ACCESS, VERIFIER, "cs-PLANTED-row-0e3f").forEach(PlantedSecrets::plant);
    database = H2Database.create();
    plain =
        JdbcTokenStore.builder(database)
            .allowPlaintextForTests()
            .tableName("plain_tokens")
            .createTableIfMissing(true)
            .build();
    sealed =
        JdbcTokenStore.builder(database)
            .cipher(TestCiphers.fresh())
            .tableName("sealed_tokens")
            .createTableIfMissing(true)
            .build();
    states =
        JdbcStateRepository.builder(database)
            .allowPlaintextForTests()
            .createTableIfMissing(true)
            .build();
  }

  @FuzzTest(maxDuration = "10m")
  void aTamperedRowIsItsValueOrATypedErrorThatExposesNothing(byte[] input) throws SQLException {
    if (input.length == 0) {
      return; // nothing to tamper with: the untampered row is the contract suites' business
    }
    try (CapturedLogs logs = CapturedLogs.start()) {
      long started = System.nanoTime();
      Throwable failure = null;
      try {
        tamper(input[0], Arrays.copyOfRange(input, 1, input.length));
      } catch (KrebitException | IllegalArgumentException e) {
        failure = e;
      }
      FuzzInvariants.withinDeadline(started, DEADLINE);
      // IllegalArgumentException is not typed: it is here to be reported as such, not to pass
      FuzzInvariants.typedAndClean(failure, List.of(), KrebitException.class);
      FuzzInvariants.cleanLogs(logs.lines());
    }
  }

  /**
   * Mode {@code 0}: the record bytes are the material; {@code 1}: the material, as (offset, xor)
   * pairs, edits a valid record; {@code 2}: the same on a Tink ciphertext; {@code 3}: a valid
   * record cut to the material's first byte, the rest appended; {@code 4}: the material is the key
   * id; {@code 5}: (offset, xor) edits of a pending authorization, consumed by its state.
   */
  private static void tamper(byte mode, byte[] material) throws SQLException {
    String subject = "user-" + System.nanoTime();
    TokenKey key = TokenKey.of(Tenant.organization("acme"), CLIENT, subject);
    switch (Math.floorMod(mode, 6)) {
      case 0 -> {
        plain.compareAndSet(key, 0, record());
        overwrite("plain_tokens", "token_record", subject, material);
        plain.load(key).ifPresent(StoreRowFuzzIT::checkPrinted);
      }
      case 1, 3 -> {
        plain.compareAndSet(key, 0, record());
        byte[] bytes = TokenRecordCodec.encode(record());
        overwrite(
            "plain_tokens",
            "token_record",
            subject,
            mode == 1 ? edited(bytes, material) : cut(bytes, material));
        plain.load(key).ifPresent(StoreRowFuzzIT::checkPrinted);
      }
      case 2 -> {
        sealed.compareAndSet(key, 0, record());
        byte[] ciphertext = read("sealed_tokens", subject);
        overwrite("sealed_tokens", "token_record", subject, edited(ciphertext, material));
        sealed.load(key).ifPresent(StoreRowFuzzIT::checkPrinted);
      }
      case 4 -> {
        plain.compareAndSet(key, 0, record());
        overwriteText(
            "plain_tokens", "key_id", subject, new String(material, StandardCharsets.UTF_8));
        plain.load(key).ifPresent(StoreRowFuzzIT::checkPrinted);
      }
      default -> {
        String state = "state-" + subject;
        states.save(pending(state));
        byte[] bytes = PendingAuthorizationCodec.encode(pending(state));
        overwriteState(edited(bytes, material));
        checkPrinted(states.consume(state));
      }
    }
  }

  private static TokenRecord record() {
    TokenSet tokens =
        new TokenSet(
            new AccessToken(ACCESS, AccessToken.BEARER, OBTAINED.plusSeconds(3600)),
            Optional.of(new RefreshToken(REFRESH)),
            Set.of("sign", "read"),
            OBTAINED);
    return new TokenRecord(
        tokens, Optional.of(new RefreshLease("node-1", OBTAINED.plusSeconds(60))), false);
  }

  private static PendingAuthorization pending(String state) {
    return new PendingAuthorization(
        state,
        URI.create("https://app.example/cb"),
        "alice",
        Optional.of(VERIFIER),
        Optional.of("/orders/7"),
        Set.of("read"),
        Instant.now(),
        Instant.now().plusSeconds(600));
  }

  private static void checkPrinted(Object value) {
    if (PlantedSecrets.foundIn(value.toString()).isPresent()) {
      throw new AssertionError("a value read from a row shows a planted secret in its toString()");
    }
  }

  private static byte[] edited(byte[] bytes, byte[] edits) {
    byte[] copy = bytes.clone();
    for (int i = 0; i + 1 < edits.length; i += 2) {
      int at = Byte.toUnsignedInt(edits[i]) % copy.length;
      copy[at] ^= edits[i + 1];
    }
    return copy;
  }

  private static byte[] cut(byte[] bytes, byte[] material) {
    int keep = material.length == 0 ? 0 : Byte.toUnsignedInt(material[0]) % (bytes.length + 1);
    byte[] tail =
        material.length == 0 ? new byte[0] : Arrays.copyOfRange(material, 1, material.length);
    byte[] result = Arrays.copyOf(bytes, keep + tail.length);
    System.arraycopy(tail, 0, result, keep, tail.length);
    return result;
  }

  private static void overwrite(String table, String column, String subject, byte[] bytes)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE " + table + " SET " + column + " = ? WHERE subject = ?")) {
      update.setBytes(1, bytes);
      update.setString(2, subject);
      update.executeUpdate();
    }
  }

  private static void overwriteText(String table, String column, String subject, String text)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE " + table + " SET " + column + " = ? WHERE subject = ?")) {
      update.setString(1, text.length() > 64 ? text.substring(0, 64) : text);
      update.setString(2, subject);
      update.executeUpdate();
    }
  }

  private static byte[] read(String table, String subject) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT token_record FROM " + table + " WHERE subject = ?")) {
      select.setString(1, subject);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getBytes(1);
      }
    }
  }

  private static void overwriteState(byte[] bytes) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                // the rows not consumed yet: the one just saved, and any an earlier input left
                // unconsumed
                "UPDATE "
                    + JdbcStateRepository.DEFAULT_TABLE_NAME
                    + " SET pending_authorization = ? WHERE consumed_at IS NULL")) {
      update.setBytes(1, bytes);
      update.executeUpdate();
    }
  }
}
