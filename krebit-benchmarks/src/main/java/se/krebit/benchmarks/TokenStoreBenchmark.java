package se.krebit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.tink.TinkTokenCipher;

/**
 * Load and save of the token stores, one thread: {@link InMemoryTokenStore} (the embedded default,
 * which holds objects and never encrypts), and {@link JdbcTokenStore} on H2 (in memory) and on
 * PostgreSQL, encrypted with the {@link TinkTokenCipher} (AES-256-GCM) and, for comparison, in
 * plaintext. JDBC goes through a HikariCP pool of 4, as applications run it. {@code users} rows
 * exist (1,000 by default), each holding a JWT-sized access token (~700 bytes) and an opaque
 * refresh token; the benchmarks visit them in turn.
 *
 * <ul>
 *   <li>{@link #load}: {@code load(key)}: a primary-key {@code SELECT} and a decryption;
 *   <li>{@link #save}: {@code compareAndSet(key, currentVersion, record)}: an encryption and an
 *       {@code UPDATE … WHERE version = ?}, committed;
 *   <li>{@link #refresh}: a store's share of one refresh, the token request aside: load, take the
 *       refresh lease (compare-and-set), store the rotated tokens without the lease
 *       (compare-and-set).
 * </ul>
 *
 * <p>Every compare-and-set must win (one thread, versions tracked): a lost one fails the run rather
 * than timing a no-op. PostgreSQL comes from {@code KREBIT_TEST_POSTGRES_URL}, {@code _USER} and
 * {@code _PASSWORD}, as for the JDBC store's tests; without them the {@code postgresql-*} stores
 * fail in setup, and {@link StoreReport} leaves them out with a note. Each trial creates a table of
 * its own and drops it.
 *
 * <p>Moved here from {@code krebit-auth-store-jdbc/src/jmh} (issue 8), with the in-memory store
 * added.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TokenStoreBenchmark {
  /** Every store this benchmark knows, in table order. */
  static final String[] STORES = {
    "memory", "h2-tink", "h2-plaintext", "postgresql-tink", "postgresql-plaintext"
  };

  static final String POSTGRES_URL_ENV = "KREBIT_TEST_POSTGRES_URL";
  static final String POSTGRES_USER_ENV = "KREBIT_TEST_POSTGRES_USER";
  static final String POSTGRES_PASSWORD_ENV = "KREBIT_TEST_POSTGRES_PASSWORD";

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  /**
   * {@code memory}, or a database and a cipher: {@code h2-tink}, {@code postgresql-plaintext}, ….
   */
  @Param({"memory", "h2-tink", "h2-plaintext", "postgresql-tink", "postgresql-plaintext"})
  public String store;

  /** How many subjects' rows exist; the benchmarks go round them. */
  @Param("1000")
  public int users;

  private @Nullable HikariDataSource pool;
  private @Nullable String table;
  private TokenStore tokens;
  private TokenKey[] keys;
  private long[] versions;
  private TokenRecord record;
  private RefreshLease lease;
  private int next;

  /** Opens the store and writes every subject's first record. */
  @Setup(Level.Trial)
  public void setUp() {
    tokens = open();
    // A realistic size: a JWT-like access token, an opaque refresh token, two scopes.
    record =
        TokenRecord.of(
            new TokenSet(
                new AccessToken("eyJ" + "a".repeat(700), AccessToken.BEARER, NOW.plusSeconds(3600)),
                Optional.of(new RefreshToken("r".repeat(64))),
                Set.of("read", "sign"),
                NOW));
    lease = new RefreshLease("node-" + UUID.randomUUID(), NOW.plusSeconds(30));
    keys = new TokenKey[users];
    versions = new long[users];
    for (int i = 0; i < users; i++) {
      keys[i] = new TokenKey("acme", "client-1", "user-" + i);
      versions[i] = written(keys[i], tokens.compareAndSet(keys[i], 0, record));
    }
  }

  /** Drops the trial's table and closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    HikariDataSource opened = pool;
    if (opened == null) {
      return;
    }
    try (Connection connection = opened.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE " + table);
    } finally {
      opened.close();
    }
  }

  /** One subject's stored tokens. */
  @Benchmark
  public Optional<StoredTokens> load() {
    return tokens.load(keys[nextUser()]);
  }

  /** One subject's tokens written over the current version. */
  @Benchmark
  public StoredTokens save() {
    int user = nextUser();
    Optional<StoredTokens> stored = tokens.compareAndSet(keys[user], versions[user], record);
    versions[user] = written(keys[user], stored);
    return stored.orElseThrow();
  }

  /** Load, take the lease, store the rotated tokens: what one refresh asks of the store. */
  @Benchmark
  public StoredTokens refresh() {
    int user = nextUser();
    StoredTokens loaded = tokens.load(keys[user]).orElseThrow();
    Optional<StoredTokens> leased =
        tokens.compareAndSet(keys[user], loaded.version(), loaded.record().leasedTo(lease));
    long leasedVersion = written(keys[user], leased);
    Optional<StoredTokens> rotated = tokens.compareAndSet(keys[user], leasedVersion, record);
    versions[user] = written(keys[user], rotated);
    return rotated.orElseThrow();
  }

  private int nextUser() {
    next = next + 1 == users ? 0 : next + 1;
    return next;
  }

  private static long written(TokenKey key, Optional<StoredTokens> stored) {
    return stored
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "a compare-and-set for "
                        + key.subject()
                        + " lost with one thread: the benchmark's versions are wrong"))
        .version();
  }

  private TokenStore open() {
    if (store.equals("memory")) {
      return new InMemoryTokenStore();
    }
    int dash = store.indexOf('-');
    String database = dash < 0 ? store : store.substring(0, dash);
    String cipher = dash < 0 ? "" : store.substring(dash + 1);
    if (!cipher.equals("tink") && !cipher.equals("plaintext")) {
      throw unknownStore();
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + store);
    config.setMaximumPoolSize(4);
    switch (database) {
      case "h2" ->
          config.setJdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      case "postgresql" -> {
        String url = System.getenv(POSTGRES_URL_ENV);
        if (url == null || url.isBlank()) {
          throw new IllegalStateException(
              "set "
                  + POSTGRES_URL_ENV
                  + ", "
                  + POSTGRES_USER_ENV
                  + " and "
                  + POSTGRES_PASSWORD_ENV
                  + " to benchmark the store on PostgreSQL");
        }
        config.setJdbcUrl(url);
        config.setUsername(System.getenv(POSTGRES_USER_ENV));
        config.setPassword(System.getenv(POSTGRES_PASSWORD_ENV));
      }
      default -> throw unknownStore();
    }
    HikariDataSource opened = new HikariDataSource(config);
    pool = opened;
    table = "krebit_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    JdbcTokenStore.Builder builder =
        JdbcTokenStore.builder(opened).tableName(table).createTableIfMissing(true);
    return cipher.equals("tink")
        ? builder
            .cipher(TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()))
            .build()
        : builder.allowPlaintextForTests().build();
  }

  private IllegalArgumentException unknownStore() {
    return new IllegalArgumentException(
        "unknown store " + store + "; known: " + String.join(", ", STORES));
  }
}
