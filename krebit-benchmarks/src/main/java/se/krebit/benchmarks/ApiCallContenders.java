package se.krebit.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import se.krebit.api.KrebitClient;
import se.krebit.api.Me;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.benchmarks.ApiOverheadBenchmark.BareMe;
import se.krebit.http.HttpConfig;
import se.krebit.http.okhttp.OkHttpTransport;

/**
 * The clients {@link ApiCallCost} puts side by side, each making one authenticated {@code GET
 * /api/1.0/me} and binding the body to the caller's type.
 *
 * <p>The bare clients are configured as {@code KrebitClient} configures its transport, so the
 * difference is the library, not the settings: HTTP/1.1 with keep-alive, a 5 s connect timeout, a
 * 30 s whole-call deadline, no redirects, {@code Accept: application/json} and a fixed bearer
 * header; each checks the status and binds the bytes to {@link BareMe} with one prepared Jackson
 * reader.
 */
final class ApiCallContenders {
  static final String BARE_JDK = "jdk";
  static final String BARE_OKHTTP = "okhttp";
  static final String KREBIT = "krebit";
  static final String KREBIT_OKHTTP = "krebit-okhttp";
  static final List<String> ALL = List.of(BARE_JDK, BARE_OKHTTP, KREBIT, KREBIT_OKHTTP);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private ApiCallContenders() {}

  /** One client making the call; thread-safe, as one service's request threads share one client. */
  interface Contender extends AutoCloseable {
    /** Makes one call and returns the bound body (so nothing is optimised away). */
    Object call() throws Exception;

    /** The user id the call saw, to check that every contender read the same identity. */
    String userId() throws Exception;

    @Override
    void close();
  }

  /** What each contender is called in the table. */
  static String label(String name) {
    return switch (name) {
      case BARE_JDK -> "bare `java.net.http.HttpClient` + Jackson";
      case BARE_OKHTTP -> "bare OkHttp 5 + Jackson";
      case KREBIT -> "**`KrebitClient.me()`**, default (JDK) transport";
      case KREBIT_OKHTTP -> "**`KrebitClient.me()`**, OkHttp transport";
      default ->
          throw new IllegalArgumentException("no contender named " + name + "; known: " + ALL);
    };
  }

  /** The contender named {@code name}, calling the server at {@code base}. */
  static Contender create(String name, URI base) {
    return switch (name) {
      case BARE_JDK -> new BareJdk(base);
      case BARE_OKHTTP -> new BareOkHttp(base);
      case KREBIT -> new Krebit(base, HttpConfig.ofDefaults());
      case KREBIT_OKHTTP ->
          new Krebit(base, HttpConfig.custom().transport(OkHttpTransport.factory()).build());
      default ->
          throw new IllegalArgumentException("no contender named " + name + "; known: " + ALL);
    };
  }

  /** A bare client: its HTTP library makes the call; one prepared Jackson reader binds the body. */
  private abstract static class Bare implements Contender {
    private final ObjectReader reader =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readerFor(BareMe.class);

    @Override
    public abstract BareMe call() throws IOException, InterruptedException;

    /** The body of an answer with {@code status}, which must be 200, bound to {@link BareMe}. */
    final BareMe bind(int status, byte[] body) throws IOException {
      if (status != 200) {
        throw new IllegalStateException("GET /api/1.0/me answered " + status);
      }
      return reader.readValue(body);
    }

    @Override
    public final String userId() throws IOException, InterruptedException {
      return call().data().id();
    }
  }

  /** {@code java.net.http.HttpClient} and Jackson, nothing else. */
  private static final class BareJdk extends Bare {
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final HttpRequest request;

    BareJdk(URI base) {
      request =
          HttpRequest.newBuilder(base.resolve("api/1.0/me"))
              .GET()
              .timeout(CALL_TIMEOUT)
              .header("Accept", "application/json")
              .header("Authorization", "Bearer " + ApiCallServer.TOKEN)
              .build();
    }

    @Override
    public BareMe call() throws IOException, InterruptedException {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return bind(response.statusCode(), response.body());
    }

    @Override
    public void close() {
      // JDK 17's HttpClient has no close(); its threads end when it is unreachable.
    }
  }

  /** OkHttp and Jackson, nothing else. */
  private static final class BareOkHttp extends Bare {
    private final OkHttpClient client =
        new OkHttpClient.Builder()
            .connectTimeout(CONNECT_TIMEOUT)
            .callTimeout(CALL_TIMEOUT)
            .followRedirects(false)
            .build();
    private final Request request;

    BareOkHttp(URI base) {
      request =
          new Request.Builder()
              .url(base.resolve("api/1.0/me").toString())
              .header("Accept", "application/json")
              .header("Authorization", "Bearer " + ApiCallServer.TOKEN)
              .build();
    }

    @Override
    public BareMe call() throws IOException {
      try (Response response = client.newCall(request).execute()) {
        return bind(response.code(), response.body().bytes());
      }
    }

    @Override
    public void close() {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /**
   * Ours: a client-credentials token source over the Feign token endpoint, and {@code
   * KrebitClient.me()}, both on the transport {@code http} selects.
   */
  private static final class Krebit implements Contender {
    private final KrebitClient client;

    Krebit(URI base, HttpConfig http) {
      Tenant tenant = Tenant.at(base);
      ClientCredentialsTokenSource tokens =
          ClientCredentialsTokenSource.builder()
              .endpoint(FeignTokenEndpoint.builder().tenant(tenant).http(http).build())
              .client(ClientCredentials.of("api-call-cost", "api-call-cost-secret"))
              .build();
      client = KrebitClient.builder().tenant(tenant).tokenSource(tokens).http(http).build();
    }

    @Override
    public Me call() {
      return client.me();
    }

    @Override
    public String userId() {
      return call().id();
    }

    @Override
    public void close() {
      // Nothing to release: the transport's threads are daemons.
    }
  }
}
