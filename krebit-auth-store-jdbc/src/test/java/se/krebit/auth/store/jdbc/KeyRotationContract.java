package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.tink.TinkTokenCipher;

/**
 * Rotating the key: rows written with key A stay readable once B is primary, new writes use B, the
 * re-encryption helper moves every row to B in batches without touching versions, and then A can be
 * dropped from the keyset.
 */
abstract class KeyRotationContract extends DatabaseContract {
  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
  private static final int ROWS = 25;

  KeyRotationContract(TestDatabase database) {
    super(database);
  }

  private static TokenRecord record(String value) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken("at-" + value, AccessToken.BEARER, NOW.plusSeconds(60)),
            Optional.of(new RefreshToken("rt-" + value)),
            Set.of(),
            NOW));
  }

  private JdbcTokenStore store(String keysetJson, String table) {
    return JdbcTokenStore.builder(database.dataSource())
        .cipher(TinkTokenCipher.fromKeysetJson(keysetJson))
        .tableName(table)
        .createTableIfMissing(true)
        .build();
  }

  private List<String> keyIdsInTable(String table) {
    return database.query("SELECT key_id FROM " + table + " ORDER BY subject").stream()
        .map(row -> (String) row.get("key_id"))
        .toList();
  }

  @Test
  void rowsMoveFromTheOldKeyToTheNewAndTheOldKeyCanThenBeDropped() {
    String table = "rotation_" + UUID.randomUUID().toString().substring(0, 8);
    String keysetA = TinkTokenCipher.generateKeysetJson();
    String keyA = TinkTokenCipher.fromKeysetJson(keysetA).currentKeyId();
    JdbcTokenStore storeA = store(keysetA, table);
    List<TokenKey> keys = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      TokenKey key = new TokenKey("tenant", "client", String.format("user-%02d", i));
      keys.add(key);
      storeA.compareAndSet(key, 0, record("v1-" + i));
      storeA.compareAndSet(key, 1, record("v2-" + i));
    }

    String keysetAB = TinkTokenCipher.rotateKeysetJson(keysetA);
    JdbcTokenStore storeAB = store(keysetAB, table);
    String keyB = TinkTokenCipher.fromKeysetJson(keysetAB).currentKeyId();

    // Old rows stay readable; new writes use B.
    assertThat(storeAB.load(keys.get(0)).orElseThrow().record()).isEqualTo(record("v2-0"));
    storeAB.compareAndSet(keys.get(0), 2, record("v3-0"));
    assertThat(keyIdsInTable(table).get(0)).isEqualTo(keyB);
    assertThat(storeAB.countRowsNotUnderCurrentKey()).isEqualTo(ROWS - 1);

    // Re-encryption in batches of 7 moves the rest, leaving versions and contents alone.
    assertThat(storeAB.reencryptToCurrentKey(7)).isEqualTo(ROWS - 1);
    assertThat(storeAB.countRowsNotUnderCurrentKey()).isZero();
    assertThat(keyIdsInTable(table)).containsOnly(keyB);
    assertThat(storeAB.reencryptToCurrentKey(7)).isZero();

    // A can go: a keyset with B alone reads every row, and compare-and-set goes on from the same
    // versions.
    JdbcTokenStore storeB = store(TinkTokenCipher.dropKeyFromKeysetJson(keysetAB, keyA), table);
    for (int i = 1; i < ROWS; i++) {
      StoredTokens stored = storeB.load(keys.get(i)).orElseThrow();
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.record()).isEqualTo(record("v2-" + i));
    }
    assertThat(storeB.compareAndSet(keys.get(5), 2, record("v3-5"))).isPresent();

    // And a node still on A alone can no longer read what B wrote.
    assertThatThrownBy(() -> storeA.load(keys.get(5))).isInstanceOf(TokenStoreException.class);
  }

  @Test
  void reencryptionSkipsUnreadableRowsAndFinishes() {
    String table = "rotation_" + UUID.randomUUID().toString().substring(0, 8);
    String keysetA = TinkTokenCipher.generateKeysetJson();
    JdbcTokenStore storeA = store(keysetA, table);
    for (int i = 0; i < 5; i++) {
      storeA.compareAndSet(new TokenKey("tenant", "client", "user-" + i), 0, record("v1-" + i));
    }
    database.update(
        "UPDATE " + table + " SET version = 9 WHERE subject = ?", "user-2"); // breaks its binding

    JdbcTokenStore storeAB = store(TinkTokenCipher.rotateKeysetJson(keysetA), table);

    assertThat(storeAB.reencryptToCurrentKey(2)).isEqualTo(4);
    assertThat(storeAB.countRowsNotUnderCurrentKey()).isEqualTo(1);
  }
}
