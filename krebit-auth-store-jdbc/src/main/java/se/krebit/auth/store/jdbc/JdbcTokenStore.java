package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * A {@link TokenStore} in one table of an H2 or PostgreSQL database, encrypted at rest and safe to
 * share between the nodes of a cluster: one row per (tenant, client, subject), with a version
 * column that every write checks and counts up, so of many nodes writing the same version exactly
 * one wins. That is all the flows need to redeem each refresh token once across the cluster (they
 * keep the refresh lease inside the record).
 *
 * <p>The whole record is encrypted by the {@link TokenCipher}, bound to the row's identity and
 * version: a ciphertext copied into another row, or an older ciphertext put back, fails to decrypt
 * with a non-retryable {@link TokenStoreException}. Database failures are {@link
 * TokenStoreException}s too, retryable when the database was unreachable or busy.
 *
 * <p>Each operation borrows one connection from the {@link DataSource} and returns it; use a pool.
 * Works with connections in auto-commit mode or not, at read committed isolation, the default of
 * both databases (at repeatable read or serializable, a lost race may surface as a retryable {@link
 * TokenStoreException} with SQLState 40001 instead of an empty result). Immutable and thread-safe.
 *
 * <pre>{@code
 * TokenStore store = JdbcTokenStore.builder(dataSource)
 *     .cipher(TinkTokenCipher.fromKeysetJson(System.getenv("KREBIT_TOKEN_KEYSET")))
 *     .build();
 * }</pre>
 */
public final class JdbcTokenStore implements TokenStore {
  /** The table used unless {@link Builder#tableName} names another. */
  public static final String DEFAULT_TABLE_NAME = "krebit_tokens";

  /** How long one statement may run unless {@link Builder#queryTimeout} says otherwise. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);

  private final Builder settings;
  private final TokenCipher cipher;
  private final Jdbc jdbc;
  private final TokenSql sql;

  private JdbcTokenStore(Builder settings, TokenCipher cipher) {
    this.settings = settings.copy();
    this.cipher = cipher;
    this.jdbc = settings.jdbc();
    this.sql = new TokenSql(settings.tableName);
  }

  /** A builder over {@code dataSource}; a cipher (or explicit plaintext for tests) is required. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /** A builder with this store's settings. */
  public Builder toBuilder() {
    return settings.copy();
  }

  @Override
  public Optional<StoredTokens> load(TokenKey key) {
    requireNonNull(key, "key");
    Optional<Row> row =
        jdbc.run(
            "Loading tokens",
            (connection, dialect) -> {
              try (PreparedStatement select = jdbc.prepare(connection, sql.load)) {
                bindKey(select, 1, key);
                try (ResultSet rows = select.executeQuery()) {
                  return rows.next()
                      ? Optional.of(
                          new Row(key, rows.getLong(1), rows.getString(2), rows.getBytes(3)))
                      : Optional.<Row>empty();
                }
              }
            });
    return row.map(this::decrypt);
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    requireNonNull(key, "key");
    requireNonNull(record, "record");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative");
    }
    long version = expectedVersion + 1;
    Ciphertext ciphertext = encrypt(key, version, record);
    boolean written =
        jdbc.run(
            "Writing tokens",
            (connection, dialect) ->
                expectedVersion == 0
                    ? insert(connection, dialect, key, ciphertext, record)
                    : update(connection, key, expectedVersion, ciphertext, record));
    return written ? Optional.of(new StoredTokens(key, record, version)) : Optional.empty();
  }

  @Override
  public boolean delete(TokenKey key) {
    requireNonNull(key, "key");
    return jdbc.run(
        "Deleting tokens",
        (connection, dialect) -> {
          try (PreparedStatement delete = jdbc.prepare(connection, sql.delete)) {
            bindKey(delete, 1, key);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /**
   * Re-encrypts every row not under the cipher's current key with that key, {@code batchSize} rows
   * per transaction, without changing the rows' versions. Run it after every node has the new
   * keyset; rows that fail to decrypt are logged and left alone. Safe to run while the store is in
   * use and on several nodes at once: a row written meanwhile is already under the current key.
   *
   * @return how many rows were re-encrypted
   * @throws TokenStoreException if the database fails; run it again to go on where it stopped
   */
  public int reencryptToCurrentKey(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    return new Reencryption(jdbc, sql, cipher, batchSize).run();
  }

  /**
   * How many rows are under a key other than the cipher's current one: once it is 0 the old keys
   * can be dropped from the keyset (mind the state repository's pending sign-ins too).
   */
  public long countRowsNotUnderCurrentKey() {
    return jdbc.run(
        "Counting rows under old keys",
        (connection, dialect) -> {
          try (PreparedStatement count = jdbc.prepare(connection, sql.countNotUnderKey)) {
            count.setString(1, cipher.currentKeyId());
            try (ResultSet rows = count.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  private boolean insert(
      Connection connection,
      JdbcDialect dialect,
      TokenKey key,
      Ciphertext ciphertext,
      TokenRecord record)
      throws SQLException {
    try (PreparedStatement insert = jdbc.prepare(connection, sql.insert(dialect))) {
      bindKey(insert, 1, key);
      bindRecord(insert, 4, 1, ciphertext, record);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        return false; // another writer created it first: a lost compare-and-set, not an error
      }
      throw e;
    }
  }

  private boolean update(
      Connection connection,
      TokenKey key,
      long expectedVersion,
      Ciphertext ciphertext,
      TokenRecord record)
      throws SQLException {
    try (PreparedStatement update = jdbc.prepare(connection, sql.update)) {
      bindRecord(update, 1, expectedVersion + 1, ciphertext, record);
      bindKey(update, 8, key);
      update.setLong(11, expectedVersion);
      return update.executeUpdate() == 1;
    }
  }

  /** Binds version, key id, ciphertext and the four mirror columns from {@code index} on. */
  private static void bindRecord(
      PreparedStatement statement,
      int index,
      long version,
      Ciphertext ciphertext,
      TokenRecord record)
      throws SQLException {
    Optional<RefreshLease> lease = record.refreshLease();
    statement.setLong(index, version);
    statement.setString(index + 1, ciphertext.keyId());
    statement.setBytes(index + 2, ciphertext.bytes());
    Jdbc.setInstant(statement, index + 3, record.tokens().accessToken().expiresAt());
    if (lease.isPresent()) {
      statement.setString(index + 4, lease.get().owner());
    } else {
      statement.setNull(index + 4, Types.VARCHAR);
    }
    Jdbc.setInstant(statement, index + 5, lease.map(RefreshLease::expiresAt));
    statement.setBoolean(index + 6, record.reauthorizationRequired());
  }

  static void bindKey(PreparedStatement statement, int index, TokenKey key) throws SQLException {
    statement.setString(index, key.tenant());
    statement.setString(index + 1, key.clientId());
    statement.setString(index + 2, key.subject());
  }

  private Ciphertext encrypt(TokenKey key, long version, TokenRecord record) {
    byte[] plaintext = TokenRecordCodec.encode(record);
    try {
      return cipher.encrypt(plaintext, AssociatedData.tokenRecord(key, version));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private StoredTokens decrypt(Row row) {
    if (row.version < 1) {
      throw unreadable(row.key, "its version " + row.version + " is not positive", null);
    }
    byte[] plaintext;
    try {
      plaintext =
          cipher.decrypt(
              new Ciphertext(row.keyId, row.bytes),
              AssociatedData.tokenRecord(row.key, row.version));
    } catch (TokenStoreException e) {
      throw unreadable(row.key, e.getMessage(), e);
    }
    try {
      return new StoredTokens(row.key, TokenRecordCodec.decode(plaintext), row.version);
    } catch (Binary.MalformedException e) {
      throw unreadable(row.key, e.getMessage(), null);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private TokenStoreException unreadable(
      TokenKey key, @Nullable String why, @Nullable Throwable cause) {
    return new TokenStoreException(
        "The stored tokens of subject '"
            + key.subject()
            + "' (tenant "
            + key.tenant()
            + ", client "
            + key.clientId()
            + ") in table "
            + jdbc.table()
            + " cannot be read: "
            + why,
        false,
        cause);
  }

  @Override
  public String toString() {
    return "JdbcTokenStore[table=" + jdbc.table() + ", cipher=" + cipher + "]";
  }

  /** One row as read, before decryption. */
  record Row(TokenKey key, long version, String keyId, byte[] bytes) {}

  /**
   * Configures a {@link JdbcTokenStore}. Each setter validates its value and names the setting in
   * its error. Not thread-safe; build once and share the store.
   */
  public static final class Builder extends TableBuilder<Builder> {
    private @Nullable TokenCipher cipher;
    private boolean plaintextAllowed;

    private Builder(DataSource dataSource) {
      super(dataSource, DEFAULT_TABLE_NAME);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * How records are encrypted at rest, for example a {@link se.krebit.tink.TinkTokenCipher}.
     * Required.
     */
    public Builder cipher(TokenCipher cipher) {
      this.cipher = requireNonNull(cipher, "cipher");
      return this;
    }

    /**
     * Stores tokens unencrypted when no {@link #cipher} is set. For tests only: anyone who can read
     * the table can then use the tokens.
     */
    public Builder allowPlaintextForTests() {
      this.plaintextAllowed = true;
      return this;
    }

    /**
     * The store; with {@code createTableIfMissing(true)} its table exists on return.
     *
     * @throws KrebitConfigurationException if no cipher is set and plaintext was not allowed
     * @throws TokenStoreException if the table had to be created and could not be
     */
    public JdbcTokenStore build() {
      TokenCipher chosen =
          PlaintextCipher.unlessCipher(
              cipher,
              plaintextAllowed,
              "JdbcTokenStore needs a cipher to encrypt tokens at rest: set cipher(TokenCipher), for example"
                  + " TinkTokenCipher.fromKeysetJson(...); in tests only, allowPlaintextForTests()",
              () ->
                  LOG.warn(
                      "JdbcTokenStore on table {} stores tokens unencrypted: allowed for tests only",
                      tableName));
      JdbcTokenStore store = new JdbcTokenStore(this, chosen);
      createTableIfAsked(store.jdbc, Schema.TOKENS_SCRIPT);
      return store;
    }

    private Builder copy() {
      Builder copy = copyTableSettingsTo(new Builder(dataSource));
      copy.cipher = cipher;
      copy.plaintextAllowed = plaintextAllowed;
      return copy;
    }
  }
}
