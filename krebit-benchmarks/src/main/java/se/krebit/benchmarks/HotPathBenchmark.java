package se.krebit.benchmarks;

import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentialsTokenSource;
import software.amazon.awssdk.utils.cache.CachedSupplier;

/**
 * The cost of getting an already cached, valid token: what every API call pays. Ours next to the
 * peers users would pick instead, and next to two floors that bound what any cache can do: a
 * volatile read plus a branch (a cache that never reads the clock), and the same plus {@code
 * System.currentTimeMillis()} (a cache that checks expiry on every call).
 *
 * <p>Every contender gets a one-day token from an in-process {@link TokenServerStub} during setup,
 * so no refresh can happen during the run; each state's teardown fails the run if one did anyway.
 * States are shared ({@link Scope#Benchmark}), so at {@code -t 2} both threads read one cache, as
 * two request threads of one service would. Results are returned, so JMH consumes them and the JIT
 * can neither drop the call nor fold it to a constant (every cache is read through a non-final
 * field). Run with {@code -prof gc} to see {@code gc.alloc.rate.norm}, the bytes allocated per
 * call.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HotPathBenchmark {
  /** Long enough that no contender reaches its refresh-ahead window during a run. */
  static final Duration LIFETIME = Duration.ofDays(1);

  /** Floor (a): the cheapest possible cache: a volatile read and a branch on a precomputed flag. */
  @Benchmark
  public AccessToken floorVolatileRead(FloorState state) {
    FloorState.Entry entry = state.current;
    return entry.fresh ? entry.token : FloorState.expired(entry);
  }

  /** Floor (b): a volatile read and an expiry check against the wall clock, as most caches do. */
  @Benchmark
  public AccessToken floorVolatileReadAndClock(FloorState state) {
    FloorState.Entry entry = state.current;
    return System.currentTimeMillis() < entry.usableUntil ? entry.token : FloorState.expired(entry);
  }

  /** Ours: {@link ClientCredentialsTokenSource#token()} on a fresh cached token. */
  @Benchmark
  public AccessToken krebitToken(KrebitState state) {
    return state.source.token();
  }

  /**
   * Ours, without blocking: {@link ClientCredentialsTokenSource#tokenAsync()} on the same fresh
   * cached token.
   */
  @Benchmark
  public CompletionStage<AccessToken> krebitTokenAsync(KrebitState state) {
    return state.source.tokenAsync();
  }

  /**
   * google-auth: {@code getRequestMetadata(URI)}, the call its HTTP and gRPC adapters make per
   * request.
   */
  @Benchmark
  public Map<String, List<String>> googleAuthRequestMetadata(GoogleAuthState state)
      throws IOException {
    return state.credentials.getRequestMetadata(GoogleAuthContender.API);
  }

  /**
   * Spring Security: {@code authorize(request)} on a client-credentials token already in the
   * service.
   */
  @Benchmark
  public OAuth2AuthorizedClient springSecurityAuthorize(SpringSecurityState state) {
    return state.client.manager().authorize(state.client.request());
  }

  /** AWS SDK v2: {@code CachedSupplier.get()} far from its stale and prefetch times. */
  @Benchmark
  public String awsCachedSupplierGet(AwsState state) {
    return state.supplier.get();
  }

  /**
   * The floors' cache: an immutable entry behind a volatile field, as a hand-written cache would
   * hold it.
   */
  @State(Scope.Benchmark)
  public static class FloorState {
    volatile Entry
        current; // set in setUp, like every state field here: JMH calls it before any benchmark

    /** Caches a one-day token. */
    @Setup(Level.Trial)
    public void setUp() {
      Instant expiresAt = Instant.now().plus(LIFETIME);
      current =
          new Entry(
              true,
              new AccessToken("floor-token", AccessToken.BEARER, expiresAt),
              expiresAt.toEpochMilli());
    }

    // Out of line, so the never-taken branch adds no code to the measured path.
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static AccessToken expired(Entry entry) {
      throw new IllegalStateException("the floor's token expired during the run: " + entry.token);
    }

    static final class Entry {
      final boolean fresh;
      final AccessToken token;
      final long usableUntil;

      Entry(boolean fresh, AccessToken token, long usableUntil) {
        this.fresh = fresh;
        this.token = token;
        this.usableUntil = usableUntil;
      }
    }
  }

  /**
   * Our source, production defaults (system clock, shared scheduler and executor), primed with one
   * token.
   */
  @State(Scope.Benchmark)
  public static class KrebitState {
    TokenServerStub server;
    ClientCredentialsTokenSource source;

    /** Obtains the token the run then reads. */
    @Setup(Level.Trial)
    public void setUp() {
      server = TokenServerStub.of(Duration.ZERO, LIFETIME);
      source = KrebitContender.source(server, Clock.systemUTC());
      source.token();
    }

    /** Fails the run if the cache went back to the endpoint: then it measured something else. */
    @TearDown(Level.Trial)
    public void checkNoRefresh() {
      HotPathBenchmark.checkOneRequest("krebit", server);
    }
  }

  /** google-auth credentials primed with one token through their own refresh path. */
  @State(Scope.Benchmark)
  public static class GoogleAuthState {
    TokenServerStub server;
    OAuth2Credentials credentials;

    /** Obtains the token the run then reads. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      server = TokenServerStub.of(Duration.ZERO, LIFETIME);
      credentials = GoogleAuthContender.credentials(server);
      credentials.refresh();
    }

    /** Fails the run if the credentials refreshed during it. */
    @TearDown(Level.Trial)
    public void checkNoRefresh() {
      HotPathBenchmark.checkOneRequest("google-auth", server);
    }
  }

  /** A Spring Security manager whose authorized-client service already holds a token. */
  @State(Scope.Benchmark)
  public static class SpringSecurityState {
    TokenServerStub server;
    SpringSecurityContender.Client client;

    /** Obtains the token the run then reads. */
    @Setup(Level.Trial)
    public void setUp() {
      server = TokenServerStub.of(Duration.ZERO, LIFETIME);
      client = SpringSecurityContender.client(server);
      client.token();
    }

    /** Fails the run if the manager fetched again during it. */
    @TearDown(Level.Trial)
    public void checkNoRefresh() {
      HotPathBenchmark.checkOneRequest("spring-security", server);
    }
  }

  /**
   * An AWS {@code CachedSupplier} holding a value whose stale and prefetch times are hours away.
   */
  @State(Scope.Benchmark)
  public static class AwsState {
    TokenServerStub server;
    CachedSupplier<String> supplier;

    /** Obtains the value the run then reads. */
    @Setup(Level.Trial)
    public void setUp() {
      server = TokenServerStub.of(Duration.ZERO, LIFETIME);
      supplier = AwsCachedSupplierContender.supplier(server);
      supplier.get();
    }

    /** Fails the run if the supplier fetched again during it, and releases it. */
    @TearDown(Level.Trial)
    public void checkNoRefresh() {
      supplier.close();
      HotPathBenchmark.checkOneRequest("aws-cached-supplier", server);
    }
  }

  static void checkOneRequest(String contender, TokenServerStub server) {
    if (server.requests() != 1) {
      throw new IllegalStateException(
          contender
              + " made "
              + server.requests()
              + " token requests during a hot-path run; expected only the priming one");
    }
  }
}
