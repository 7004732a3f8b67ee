package se.krebit.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
import se.krebit.api.KrebitClient;
import se.krebit.api.Me;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitServer;

/**
 * What {@link KrebitClient#me()} costs on top of the HTTP call itself: ours against a bare JDK
 * {@link HttpClient} GET of the same {@code /api/1.0/me}, with a fixed bearer header, on the same
 * in-process fake server (the test kit's {@link FakeKrebitServer}, WireMock on Jetty, plain HTTP on
 * 127.0.0.1).
 *
 * <p>Both sides use the same transport as configured the same way: a JDK {@code HttpClient} on
 * HTTP/1.1 with keep-alive, no redirects, a 5 s connect timeout and a 30 s request timeout (what
 * the API client sets through its Feign client), sending {@code Accept: application/json} and the
 * bearer token. Both check the status. The bare side comes in two variants:
 *
 * <ul>
 *   <li>{@link #bareHttpClient}: the body read as a {@code String}, nothing parsed: the least any
 *       caller must do. The target (me() ≥ 85 % of the bare throughput) is measured against it;
 *   <li>{@link #bareHttpClientJackson}: the same plus Jackson binding the body to a record, the
 *       work {@code me()} does too (a caller wants the fields, not the text).
 * </ul>
 *
 * <p>{@link #krebitMe} gets its token from a {@link ClientCredentialsTokenSource} over {@link
 * FeignTokenEndpoint}, as an application would; the token lives a day, so it is fetched once in
 * setup and the teardown fails the run if another token request was made. The server's work
 * (routing, token check, journal, JSON) is the same for every request and dominates both sides; the
 * difference between the rows is the client stack. The server shares the CPUs with the client: at 2
 * threads on 2 cores, client and server threads compete.
 *
 * <p>Warm-up is long (20 s by default) because the server must be compiled too: on the 2-vCPU
 * machine of {@code BENCHMARKS.md} a request took 3 ms after 2 s of requests and settled at under 1
 * ms only after about 15 s. Shorter warm-ups measure WireMock's interpreter, not the clients.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ApiOverheadBenchmark {
  static final String CLIENT_ID = "benchmark-client";
  static final String SECRET = "benchmark-secret";
  static final String ROLE = "reader";

  /** The bare client, body as text: the baseline of the target. */
  @Benchmark
  public String bareHttpClient(ApiState state) throws IOException, InterruptedException {
    return state.bareGet();
  }

  /**
   * The bare client, body bound to a record with Jackson: the same decoding work as {@code me()}.
   */
  @Benchmark
  public BareMe bareHttpClientJackson(ApiState state) throws IOException, InterruptedException {
    return state.bareMapper.readValue(state.bareGet(), BareMe.class);
  }

  /** Ours: {@code KrebitClient.me()} with a cached client-credentials token. */
  @Benchmark
  public Me krebitMe(ApiState state) {
    return state.krebit.me();
  }

  /**
   * The body of {@code /me}, the users guide's {@code {"data": {…}}}, as a caller of the bare
   * client would bind it.
   */
  public record BareMe(@JsonProperty("data") BareUser data) {}

  /** The user inside {@link BareMe}. */
  public record BareUser(
      @JsonProperty("id") String id,
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("email") @Nullable String email,
      @JsonProperty("organization") @Nullable BareOrganization organization,
      @JsonProperty("roles") @Nullable List<String> roles) {}

  /** The organization inside {@link BareUser}. */
  public record BareOrganization(
      @JsonProperty("id") String id, @JsonProperty("name") @Nullable String name) {}

  /**
   * One fake server, one {@link KrebitClient}, one bare {@link HttpClient} and its prepared
   * request. Shared by all benchmark threads ({@link Scope#Benchmark}), as one service's request
   * threads share one client. Every benchmark sets up all of it, so the server is in the same state
   * for each.
   */
  @State(Scope.Benchmark)
  public static class ApiState {
    FakeKrebitServer server;
    ClientCredentialsTokenSource tokens;
    KrebitClient krebit;
    HttpClient bare;
    HttpRequest bareRequest;
    ObjectMapper bareMapper;

    /**
     * Starts the server, primes our token source, and checks that both sides see the same identity.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      server =
          FakeKrebitServer.builder()
              .app(CLIENT_ID, SECRET, ROLE)
              .tokenLifetime(Duration.ofDays(1))
              .build()
              .start();
      tokens =
          ClientCredentialsTokenSource.builder()
              .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
              .client(server.credentials(CLIENT_ID))
              .build();
      krebit = KrebitClient.builder().tenant(server.tenant()).tokenSource(tokens).build();

      AccessToken fixed = server.issueToken(CLIENT_ID);
      bare =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(HttpConfig.DEFAULT_CONNECT_TIMEOUT)
              .build();
      bareRequest =
          HttpRequest.newBuilder(URI.create(server.apiBaseUri() + "me"))
              .GET()
              .timeout(HttpConfig.DEFAULT_CALL_TIMEOUT)
              .header("Accept", "application/json")
              .header("Authorization", fixed.authorizationHeader())
              .build();
      bareMapper =
          JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

      Me me = krebit.me();
      BareMe bareMe = bareMapper.readValue(bareGet(), BareMe.class);
      if (!me.id().equals(bareMe.data().id())
          || !me.name().equals(Optional.ofNullable(bareMe.data().name()))
          || !me.roles().equals(bareMe.data().roles())) {
        throw new IllegalStateException(
            "the two clients see different identities: " + me + " and " + bareMe);
      }
    }

    /**
     * Fails the run if our source went back to the token endpoint (then it measured a refresh), and
     * stops the server.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        int tokenRequests = server.journal().tokenRequestCount();
        if (tokenRequests != 1) {
          throw new IllegalStateException(
              "the token source made "
                  + tokenRequests
                  + " token requests; expected only the priming one");
        }
      } finally {
        server.close();
      }
    }

    String bareGet() throws IOException, InterruptedException {
      HttpResponse<String> response = bare.send(bareRequest, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /api/1.0/me answered " + response.statusCode());
      }
      return response.body();
    }
  }
}
