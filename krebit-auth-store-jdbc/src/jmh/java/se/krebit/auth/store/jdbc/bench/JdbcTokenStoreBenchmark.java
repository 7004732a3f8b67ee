package se.krebit.auth.store.jdbc.bench;

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
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.auth.store.jdbc.TinkTokenCipher;

/**
 * Load and save of {@link JdbcTokenStore} on H2 (in memory) and PostgreSQL, encrypted with Tink and,
 * for comparison, in plaintext; one thread, a HikariCP pool, 1,000 users' rows. {@code save} is a
 * compare-and-set with the current version (an {@code UPDATE … WHERE version = ?}); {@code refresh}
 * is what a node does per refresh: load, then two compare-and-sets (take the lease, store the
 * rotated tokens).
 *
 * <p>PostgreSQL comes from {@code KREBIT_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class JdbcTokenStoreBenchmark {
  private static final int USERS = 1_000;
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Param({"h2", "postgresql"})
  public String database;

  @Param({"tink", "plaintext"})
  public String cipher;

  private HikariDataSource pool;
  private JdbcTokenStore store;
  private String table;
  private final TokenKey[] keys = new TokenKey[USERS];
  private final long[] versions = new long[USERS];
  private TokenRecord record;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    HikariConfig config = new HikariConfig();
    if (database.equals("h2")) {
      config.setJdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    } else {
      String url = System.getenv("KREBIT_TEST_POSTGRES_URL");
      if (url == null) {
        throw new IllegalStateException("set KREBIT_TEST_POSTGRES_URL, _USER and _PASSWORD to benchmark PostgreSQL");
      }
      config.setJdbcUrl(url);
      config.setUsername(System.getenv("KREBIT_TEST_POSTGRES_USER"));
      config.setPassword(System.getenv("KREBIT_TEST_POSTGRES_PASSWORD"));
    }
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    table = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    JdbcTokenStore.Builder builder = JdbcTokenStore.builder(pool).tableName(table).createTableIfMissing(true);
    store = cipher.equals("tink")
        ? builder.cipher(TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson())).build()
        : builder.allowPlaintextForTests().build();
    // A realistic size: JWT-like access token, opaque refresh token.
    record = TokenRecord.of(new TokenSet(
        new AccessToken("eyJ" + "a".repeat(700), AccessToken.BEARER, NOW.plusSeconds(3600)),
        Optional.of(new RefreshToken("r".repeat(64))), Set.of("read", "sign"), NOW));
    for (int i = 0; i < USERS; i++) {
      keys[i] = new TokenKey("acme", "client-1", "user-" + i);
      store.compareAndSet(keys[i], 0, record);
      versions[i] = 1;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE " + table);
    }
    pool.close();
  }

  private int nextUser() {
    next = (next + 1) % USERS;
    return next;
  }

  @Benchmark
  public Optional<StoredTokens> load() {
    return store.load(keys[nextUser()]);
  }

  @Benchmark
  public Optional<StoredTokens> save() {
    int user = nextUser();
    Optional<StoredTokens> written = store.compareAndSet(keys[user], versions[user], record);
    versions[user]++;
    return written;
  }

  @Benchmark
  public Optional<StoredTokens> refresh() {
    int user = nextUser();
    StoredTokens loaded = store.load(keys[user]).orElseThrow();
    StoredTokens leased = store.compareAndSet(keys[user], loaded.version(), loaded.record()).orElseThrow();
    Optional<StoredTokens> rotated = store.compareAndSet(keys[user], leased.version(), record);
    versions[user] = leased.version() + 1;
    return rotated;
  }
}
