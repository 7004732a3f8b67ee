package se.krebit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.tink.TinkTokenCipher;

/**
 * Issue 21's scale benchmark: what signed-in users cost one node, measured from outside through the
 * public API. For each store and user count it signs the users in ({@code begin} + {@code complete}
 * against an in-process token endpoint issuing 40-character tokens), calls each user's {@code
 * forSubject(user).token()}, and takes the live heap by class after a full GC (see {@link
 * ClassHistogram}) before, after sign-in and while every user is active; then lets every user go
 * idle, waits until the flow released their sources, and takes it again, counting token requests
 * and store calls meanwhile. Live threads and the flow's scheduled tasks are counted at each step.
 *
 * <p>Arguments: {@code --out DIR}, {@code --users 1000,10000,100000}, {@code --stores
 * memory,postgresql} (PostgreSQL from {@code KREBIT_TEST_POSTGRES_URL}, {@code _USER}, {@code
 * _PASSWORD}; Tink-encrypted, a pool of 4), {@code --idle-seconds N} (the flow's subject idle
 * timeout; by default twice the time the sign-ins took, at least 20 s). Writes {@code scale.md};
 * prints it and the classes behind each user's token source.
 */
public final class ScaleReport {
  private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
  private static final Pattern STATE = Pattern.compile("(?:^|&)state=([^&]+)");
  private static final int TOKEN_LENGTH = 40;
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private ScaleReport() {}

  /** One store at one user count. Bytes are per user. */
  record Row(
      String store,
      int users,
      double signInState,
      double storeRecord,
      double tokenSource,
      double wholeActive,
      double idle,
      long tokenText,
      int threadsBefore,
      int threadsActive,
      int threadsIdle,
      int tasksActive,
      int tasksIdle,
      long idleTokenRequests,
      long idleStoreCalls,
      String sourceClasses) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("krebit-benchmarks/target/benchmark-results");
    int[] userCounts = {1_000, 10_000, 100_000};
    List<String> stores = List.of("memory", "postgresql");
    @Nullable Duration idle = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--users" ->
            userCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--stores" -> stores = List.of(args[++i].split(","));
        case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(args[++i]));
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; known: --out DIR --users 1000,10000 --stores memory,postgresql --idle-seconds N");
      }
    }
    Files.createDirectories(out);
    // Loads and compiles what every run uses (pool threads, the coarse clock, JDBC classes), so the
    // first reported run carries none of it.
    for (String store : stores) {
      measure(store, 1_000, Duration.ofSeconds(1));
    }
    List<Row> rows = new ArrayList<>();
    for (String store : stores) {
      for (int users : userCounts) {
        Row row = measure(store, users, idle);
        rows.add(row);
        System.out.printf(
            "%s, %,d users: token source %.0f B/user; classes: %s%n",
            store, users, row.tokenSource(), row.sourceClasses());
      }
    }
    String table = markdown(rows) + "\n" + burst(1_000).markdown();
    Files.writeString(out.resolve("scale.md"), table);
    System.out.println();
    System.out.print(table);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Row measure(String storeName, int users, @Nullable Duration idleTimeout) throws Exception {
    String[] subjects = new String[users]; // the application's user ids: its own, not counted
    for (int i = 0; i < users; i++) {
      subjects[i] = "user-" + i;
    }
    CountingEndpoint endpoint = new CountingEndpoint();
    TaskCountingScheduler scheduler = new TaskCountingScheduler();
    ShiftableClock stateClock = new ShiftableClock();
    try (OpenStore opened = OpenStore.open(storeName)) {
      CountingStore store = new CountingStore(opened.store());
      InMemoryStateRepository states = new InMemoryStateRepository(stateClock);
      AuthorizationCodeFlow.Builder builder =
          AuthorizationCodeFlow.builder()
              .tenant(Tenant.organization("acme"))
              .client(ClientCredentials.of("web-app", "s3cret"))
              .endpoint(endpoint)
              .redirectUri(CALLBACK)
              .tokenStore(store)
              .stateRepository(states)
              .scheduler(scheduler);
      AuthorizationCodeFlow signIns =
          builder.build(); // holds no user's source: those come with calls
      int threadsBefore = liveThreads();
      ClassHistogram before = ClassHistogram.take();

      long signInStarted = System.nanoTime();
      for (String subject : subjects) {
        Matcher state = STATE.matcher(signIns.begin(CALLBACK, subject).uri().getRawQuery());
        if (!state.find()) {
          throw new IllegalStateException("no state in the authorize URL");
        }
        signIns.complete(
            URI.create(CALLBACK + "?code=code-" + subject + "&state=" + state.group(1)));
      }
      // Every user must stay active through a round of first calls (one store read each, faster
      // than
      // a sign-in) and the histogram: unless told otherwise, twice the sign-ins' time, at least 20
      // s.
      Duration signInTime = Duration.ofNanos(System.nanoTime() - signInStarted);
      Duration idle =
          idleTimeout != null
              ? idleTimeout
              : max(Duration.ofSeconds(20), signInTime.multipliedBy(2));
      AuthorizationCodeFlow flow =
          builder.subjectIdleTimeout(idle).build(); // the same node's flow, as configured
      ClassHistogram signedIn = ClassHistogram.take();
      stateClock.shift(AuthorizationCodeFlow.DEFAULT_STATE_TTL.plusMinutes(1));
      states.purgeExpired(); // the consumed states' markers, which expire with the states
      ClassHistogram stored = ClassHistogram.take();

      for (int round = 0; round < 2; round++) { // the second round finds every source in memory
        for (String subject : subjects) {
          flow.forSubject(subject).token();
        }
      }
      requireActive(flow, users, "before the histogram");
      ClassHistogram active = ClassHistogram.take();
      requireActive(flow, users, "after the histogram (raise --idle-seconds)");
      int threadsActive = liveThreads();
      int tasksActive = scheduler.pending();

      long requestsBefore = endpoint.requests.get();
      long storeCallsBefore = store.calls.get();
      long deadline = System.nanoTime() + idle.plusSeconds(120).toNanos();
      while (flow.activeSubjects() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              flow.activeSubjects() + " sources still held long after the idle timeout");
        }
        Thread.sleep(100);
      }
      ClassHistogram idleHeap = ClassHistogram.take();
      long idleRequests = endpoint.requests.get() - requestsBefore;
      long idleStoreCalls = store.calls.get() - storeCallsBefore;

      Map<String, Long> sourceDelta = active.minus(stored);
      String classes =
          sourceDelta.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .limit(10)
              .map(e -> String.format("%s %.0f", e.getKey(), (double) e.getValue() / users))
              .collect(Collectors.joining(", "));
      // Token text: the access token's and (in the memory store) the refresh token's strings,
      // 24 B of String and 16 B of array header plus one byte per character, compressed oops.
      long oneToken = 24 + align8(16 + TOKEN_LENGTH);
      long tokenText = storeName.equals("memory") ? 2 * oneToken : oneToken;
      double perUser = users;
      Row row =
          new Row(
              storeName,
              users,
              (signedIn.totalBytes() - stored.totalBytes()) / perUser,
              (stored.totalBytes() - before.totalBytes()) / perUser,
              (active.totalBytes() - stored.totalBytes()) / perUser,
              (active.totalBytes() - before.totalBytes()) / perUser,
              (idleHeap.totalBytes() - before.totalBytes()) / perUser,
              tokenText,
              threadsBefore,
              threadsActive,
              liveThreads(),
              tasksActive,
              scheduler.pending(),
              idleRequests,
              idleStoreCalls,
              classes);
      scheduler.shutdown();
      return row;
    }
  }

  /**
   * The 1,000-user burst: every user touched once, from one thread, inside the refresh-ahead
   * window, while the token endpoint takes 2 s per refresh.
   *
   * @param peakThreads the most {@code krebit-token-request} threads alive at once
   * @param peakInFlight the most token requests in flight at once
   * @param slowestTouchMicros the longest a touch took: callers with a valid token never wait
   */
  record Burst(int users, int peakThreads, int peakInFlight, long slowestTouchMicros) {
    String markdown() {
      return "| burst: users touched in their refresh window, refresh takes 2 s | peak `krebit-token-request` threads"
          + " | peak token requests in flight | slowest touch |\n|---:|---:|---:|---:|\n"
          + String.format(
              "| %,d | %d | %d | %.1f ms |%n",
              users, peakThreads, peakInFlight, slowestTouchMicros / 1000.0);
    }
  }

  static Burst burst(int users) throws InterruptedException {
    AtomicLong inFlight = new AtomicLong();
    AtomicLong peakInFlight = new AtomicLong();
    Duration lifetime = Duration.ofSeconds(8);
    TokenEndpoint slowRefreshes =
        (client, grant) -> {
          boolean refresh = grant instanceof se.krebit.auth.spi.RefreshTokenGrant;
          long now = inFlight.incrementAndGet();
          peakInFlight.accumulateAndGet(now, Math::max);
          try {
            if (refresh) {
              Thread.sleep(2_000);
            }
            String n = UUID.randomUUID().toString();
            return new TokenResponse(
                "a-" + n,
                lifetime,
                Optional.of(new RefreshToken("r-" + n)),
                Set.of(),
                Optional.empty());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          } finally {
            inFlight.decrementAndGet();
          }
        };
    AuthorizationCodeFlow flow =
        AuthorizationCodeFlow.builder()
            .tenant(Tenant.organization("acme"))
            .client(ClientCredentials.of("web-app", "s3cret"))
            .endpoint(slowRefreshes)
            .redirectUri(CALLBACK)
            .refreshPolicy(
                se.krebit.auth.RefreshPolicy.custom()
                    .refreshAheadFraction(0.5) // due 4 s after issue, usable for 7 s
                    .refreshAheadMax(Duration.ofHours(1))
                    .expirySkew(Duration.ofSeconds(1))
                    .jitter(0)
                    .build())
            .build();
    for (int i = 0; i < users; i++) {
      Matcher state = STATE.matcher(flow.begin(CALLBACK, "burst-" + i).uri().getRawQuery());
      state.find();
      flow.complete(URI.create(CALLBACK + "?code=c&state=" + state.group(1)));
    }
    for (int i = 0; i < users; i++) {
      flow.forSubject("burst-" + i).token(); // read from the store and cached, not yet due
    }
    peakInFlight.set(0);
    Thread.sleep(4_200); // every token due, none past its usable life

    long slowest = 0;
    int peakThreads = 0;
    for (int i = 0; i < users; i++) {
      long started = System.nanoTime();
      flow.forSubject("burst-" + i)
          .token(); // due: served at once, a refresh ahead starts if a thread is free
      slowest = Math.max(slowest, System.nanoTime() - started);
      if (i % 50 == 0) {
        peakThreads = Math.max(peakThreads, tokenRequestThreads());
      }
    }
    long sampleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < sampleUntil) {
      peakThreads = Math.max(peakThreads, tokenRequestThreads());
      Thread.sleep(10);
    }
    return new Burst(
        users, peakThreads, (int) peakInFlight.get(), TimeUnit.NANOSECONDS.toMicros(slowest));
  }

  private static int tokenRequestThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("krebit-token-request"))
            .count();
  }

  private static void requireActive(AuthorizationCodeFlow flow, int users, String when) {
    if (flow.activeSubjects() != users) {
      throw new IllegalStateException(
          "only "
              + flow.activeSubjects()
              + " of "
              + users
              + " users active "
              + when
              + ": the idle timeout is too short");
    }
  }

  static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| store | users | token source B/user (active) | whole B/user, active | of it: token text | idle B/user"
            + " | consumed sign-in state B/user (until its TTL) | live threads: before / active / idle"
            + " | scheduled tasks: active / idle | idle: token requests / store calls |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
    for (Row r : rows) {
      md.append(
          String.format(
              "| %s | %,d | %.0f | %.0f | %d | %.0f | %.0f | %d / %d / %d | %d / %d | %d / %d |%n",
              r.store(),
              r.users(),
              r.tokenSource(),
              r.wholeActive(),
              r.tokenText(),
              r.idle(),
              r.signInState(),
              r.threadsBefore(),
              r.threadsActive(),
              r.threadsIdle(),
              r.tasksActive(),
              r.tasksIdle(),
              r.idleTokenRequests(),
              r.idleStoreCalls()));
    }
    return md.toString();
  }

  private static long align8(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Issues 40-character tokens at once, a new refresh token each time; counts requests. */
  static final class CountingEndpoint implements TokenEndpoint {
    final AtomicLong requests = new AtomicLong();

    @Override
    public TokenResponse exchange(ClientCredentials client, se.krebit.auth.spi.Grant grant) {
      long n = requests.incrementAndGet();
      return new TokenResponse(
          token('a', n),
          TOKEN_LIFETIME,
          Optional.of(new RefreshToken(token('r', n))),
          Set.of(),
          Optional.of("req-" + n));
    }

    private static String token(char kind, long n) {
      String digits = Long.toString(n);
      return kind + "0".repeat(TOKEN_LENGTH - 1 - digits.length()) + digits;
    }
  }

  /** Counts every call on the store it wraps; holds nothing per user. */
  static final class CountingStore implements TokenStore {
    final AtomicLong calls = new AtomicLong();
    private final TokenStore delegate;

    CountingStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      calls.incrementAndGet();
      return delegate.load(key);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(
        TokenKey key, long expectedVersion, TokenRecord record) {
      calls.incrementAndGet();
      return delegate.compareAndSet(key, expectedVersion, record);
    }

    @Override
    public boolean delete(TokenKey key) {
      calls.incrementAndGet();
      return delegate.delete(key);
    }
  }

  /** A scheduler on one daemon thread that can say how many tasks are waiting. */
  static final class TaskCountingScheduler implements Scheduler {
    private final ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "scale-scheduler");
              thread.setDaemon(true);
              return thread;
            });

    TaskCountingScheduler() {
      executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Cancellable schedule(Instant deadline, Runnable task) {
      long delay = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
      var future = executor.schedule(task, delay, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    }

    int pending() {
      return executor.getQueue().size();
    }

    void shutdown() {
      executor.shutdownNow();
    }
  }

  /**
   * The system clock, moved forward on demand: lets the state repository expire what sign-in left.
   */
  static final class ShiftableClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    void shift(Duration by) {
      shift = shift.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }

  /** The store under test, and the pool and table behind it for PostgreSQL, dropped when closed. */
  record OpenStore(TokenStore store, @Nullable HikariDataSource pool, @Nullable String table)
      implements AutoCloseable {
    static OpenStore open(String name) {
      if (name.equals("memory")) {
        return new OpenStore(new InMemoryTokenStore(), null, null);
      }
      if (!name.equals("postgresql")) {
        throw new IllegalArgumentException("unknown store " + name + "; known: memory, postgresql");
      }
      String url = System.getenv(TokenStoreBenchmark.POSTGRES_URL_ENV);
      if (url == null || url.isBlank()) {
        throw new IllegalStateException(
            "set "
                + TokenStoreBenchmark.POSTGRES_URL_ENV
                + ", _USER and _PASSWORD"
                + " to measure the JDBC store on PostgreSQL");
      }
      HikariConfig config = new HikariConfig();
      config.setPoolName("scale");
      config.setMaximumPoolSize(4);
      config.setJdbcUrl(url);
      config.setUsername(System.getenv(TokenStoreBenchmark.POSTGRES_USER_ENV));
      config.setPassword(System.getenv(TokenStoreBenchmark.POSTGRES_PASSWORD_ENV));
      HikariDataSource pool = new HikariDataSource(config);
      String table =
          "krebit_scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      JdbcTokenStore store =
          JdbcTokenStore.builder(pool)
              .tableName(table)
              .createTableIfMissing(true)
              .cipher(TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()))
              .build();
      return new OpenStore(store, pool, table);
    }

    @Override
    public void close() throws SQLException, IOException {
      if (pool != null) {
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        } finally {
          pool.close();
        }
      }
    }
  }
}
