package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenCipher.Ciphertext;

/**
 * A {@link StateRepository} in one table of an H2 or PostgreSQL database, so that any node of a
 * cluster can complete a sign-in that another began. A state is consumed by one conditional update
 * that marks the row and reads it back, so however many callbacks race, exactly one gets the
 * request; the row stays, marked, until it is purged after its expiry, so a replay is recognised.
 *
 * <p>The state itself is not stored, only its SHA-256: a leaked table does not let anyone complete
 * a pending sign-in. The request (with the PKCE verifier, a secret) is encrypted by the {@link
 * TokenCipher} and bound to the state's hash. Expiry is measured on the injected clock. Database
 * failures are {@link TokenStoreException}s, retryable when the database was unreachable or busy.
 *
 * <p>Each operation borrows one connection from the {@link DataSource}; use a pool. Like {@link
 * JdbcTokenStore}, it expects read committed isolation, the databases' default. Call {@link
 * #purgeExpired()} now and then (for example hourly) to keep the table small. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * StateRepository states = JdbcStateRepository.builder(dataSource).cipher(cipher).build();
 * }</pre>
 */
public final class JdbcStateRepository implements StateRepository {
  /** The table used unless {@link Builder#tableName} names another. */
  public static final String DEFAULT_TABLE_NAME = "krebit_pending_authorizations";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStateRepository.class);

  private final Builder settings;
  private final TokenCipher cipher;
  private final Clock clock;
  private final Jdbc jdbc;
  private final StateSql sql;

  private JdbcStateRepository(Builder settings, TokenCipher cipher) {
    this.settings = settings.copy();
    this.cipher = cipher;
    this.clock = settings.clock;
    this.jdbc = settings.jdbc();
    this.sql = new StateSql(settings.tableName);
  }

  /** A builder over {@code dataSource}; a cipher (or explicit plaintext for tests) is required. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /** A builder with this repository's settings. */
  public Builder toBuilder() {
    return settings.copy();
  }

  @Override
  public void save(PendingAuthorization pending) {
    requireNonNull(pending, "pending");
    byte[] hash = hash(pending.state());
    byte[] plaintext = PendingAuthorizationCodec.encode(pending);
    Ciphertext ciphertext;
    try {
      ciphertext = cipher.encrypt(plaintext, AssociatedData.pendingAuthorization(hash));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    boolean saved =
        jdbc.run(
            "Saving a pending authorization",
            (connection, dialect) -> {
              try (PreparedStatement insert = jdbc.prepare(connection, sql.insert(dialect))) {
                insert.setBytes(1, hash);
                insert.setString(2, ciphertext.keyId());
                insert.setBytes(3, ciphertext.bytes());
                Jdbc.setInstant(insert, 4, pending.createdAt());
                Jdbc.setInstant(insert, 5, pending.expiresAt());
                return insert.executeUpdate() == 1;
              } catch (SQLException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                  return false;
                }
                throw e;
              }
            });
    if (!saved) {
      throw new IllegalStateException("a pending authorization with this state already exists");
    }
  }

  @Override
  public StateConsumption consume(String state) {
    requireNonNull(state, "state");
    byte[] hash = hash(state);
    Instant now = clock.instant();
    Marking marking =
        jdbc.run(
            "Consuming a pending authorization",
            (connection, dialect) -> {
              try (PreparedStatement consume = jdbc.prepare(connection, sql.consume(dialect))) {
                Jdbc.setInstant(consume, 1, now);
                consume.setBytes(2, hash);
                try (ResultSet rows = consume.executeQuery()) {
                  if (rows.next()) {
                    return new Marking(true, new Ciphertext(rows.getString(1), rows.getBytes(2)));
                  }
                }
              }
              try (PreparedStatement exists = jdbc.prepare(connection, sql.exists)) {
                exists.setBytes(1, hash);
                try (ResultSet rows = exists.executeQuery()) {
                  return new Marking(rows.next(), null);
                }
              }
            });
    Ciphertext consumed = marking.consumed();
    if (consumed == null) {
      return marking.exists()
          ? new StateConsumption.AlreadyConsumed()
          : new StateConsumption.Unknown();
    }
    PendingAuthorization pending = decrypt(state, hash, consumed);
    return now.isBefore(pending.expiresAt())
        ? new StateConsumption.Consumed(pending)
        : new StateConsumption.Expired(pending);
  }

  @Override
  public int purgeExpired() {
    Instant now = clock.instant();
    return jdbc.run(
        "Purging expired pending authorizations",
        (connection, dialect) -> {
          try (PreparedStatement purge = jdbc.prepare(connection, sql.purge)) {
            Jdbc.setInstant(purge, 1, now);
            return purge.executeUpdate();
          }
        });
  }

  private PendingAuthorization decrypt(String state, byte[] hash, Ciphertext ciphertext) {
    byte[] plaintext;
    try {
      plaintext = cipher.decrypt(ciphertext, AssociatedData.pendingAuthorization(hash));
    } catch (TokenStoreException e) {
      throw unreadable(e.getMessage(), e);
    }
    try {
      return PendingAuthorizationCodec.decode(state, plaintext);
    } catch (Binary.MalformedException e) {
      throw unreadable(e.getMessage(), null);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private TokenStoreException unreadable(@Nullable String why, @Nullable Throwable cause) {
    return new TokenStoreException(
        "A pending authorization in table "
            + jdbc.table()
            + " cannot be read, so the sign-in can't complete: "
            + why,
        false,
        cause);
  }

  /** What marking a state consumed found: the row's ciphertext if this call consumed it. */
  private record Marking(boolean exists, @Nullable Ciphertext consumed) {}

  /** SHA-256 of the state: states carry at least 128 random bits, so no salt is needed. */
  static byte[] hash(String state) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcStateRepository[table=" + jdbc.table() + ", cipher=" + cipher + "]";
  }

  /**
   * Configures a {@link JdbcStateRepository}. Each setter validates its value and names the setting
   * in its error. Not thread-safe; build once and share the repository.
   */
  public static final class Builder extends TableBuilder<Builder> {
    private @Nullable TokenCipher cipher;
    private boolean plaintextAllowed;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource) {
      super(dataSource, DEFAULT_TABLE_NAME);
    }

    @Override
    Builder self() {
      return this;
    }

    /** How pending requests are encrypted at rest (they hold the PKCE verifier). Required. */
    public Builder cipher(TokenCipher cipher) {
      this.cipher = requireNonNull(cipher, "cipher");
      return this;
    }

    /** Stores requests unencrypted when no {@link #cipher} is set. For tests only. */
    public Builder allowPlaintextForTests() {
      this.plaintextAllowed = true;
      return this;
    }

    /** The clock expiry is measured on; default system UTC. Give the flow's clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The repository; with {@code createTableIfMissing(true)} its table exists on return.
     *
     * @throws KrebitConfigurationException if no cipher is set and plaintext was not allowed
     * @throws TokenStoreException if the table had to be created and could not be
     */
    public JdbcStateRepository build() {
      TokenCipher chosen =
          PlaintextCipher.unlessCipher(
              cipher,
              plaintextAllowed,
              "JdbcStateRepository needs a cipher to encrypt PKCE verifiers at rest: set cipher(TokenCipher), for"
                  + " example TinkTokenCipher.fromKeysetJson(...); in tests only, allowPlaintextForTests()",
              () ->
                  LOG.warn(
                      "JdbcStateRepository on table {} stores PKCE verifiers unencrypted: allowed for tests only",
                      tableName));
      JdbcStateRepository repository = new JdbcStateRepository(this, chosen);
      createTableIfAsked(repository.jdbc, Schema.STATES_SCRIPT);
      return repository;
    }

    private Builder copy() {
      Builder copy = copyTableSettingsTo(new Builder(dataSource));
      copy.cipher = cipher;
      copy.plaintextAllowed = plaintextAllowed;
      copy.clock = clock;
      return copy;
    }
  }
}
