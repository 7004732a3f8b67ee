package se.krebit.http.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;

/**
 * The OkHttp transport over real sockets on loopback: body caps, the whole-call deadline, responses
 * that are not HTTP, a per-client proxy with its authenticator, and variants sharing one pool.
 */
class OkHttpTransportIT {
  private static final String SECRET_IN_RESPONSE = "tok-3f9a-secret";

  private final ExecutorService servers = Executors.newCachedThreadPool();
  private final List<ServerSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (ServerSocket socket : sockets) {
      socket.close();
    }
    servers.shutdownNow();
  }

  @Test
  void readsABodyUpToTheCapWholeAndCutsOneByteMore() throws Exception {
    URI atCap = serve(request -> response(200, "x".repeat(64)));
    URI overCap = serve(request -> response(200, "x".repeat(65)));
    OkHttpTransport transport = new OkHttpTransport.Builder().build(null, 64);

    HttpTransport.Response whole = transport.send(get(atCap, Duration.ofSeconds(5)));
    HttpTransport.Response cut = transport.send(get(overCap, Duration.ofSeconds(5)));

    assertThat(whole.bodyFailure()).isEmpty();
    assertThat(whole.body()).hasSize(64);
    assertThat(cut.bodyFailure())
        .as("a body one byte over the cap is never returned as whole")
        .isPresent();
    assertThat(cut.body()).hasSize(65);
  }

  @Test
  void aStalledBodyEndsAtTheCallDeadlineAsATimeoutAfterWhatArrived() throws Exception {
    URI stalled = serve(request -> "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    OkHttpTransport transport = new OkHttpTransport.Builder().build(null, 1024);
    long start = System.nanoTime();

    HttpTransport.Response response = transport.send(get(stalled, Duration.ofMillis(300)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyFailure()).get().isInstanceOf(HttpTimeoutException.class);
    assertThat(new String(response.body(), UTF_8)).isEqualTo("partial");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aResponseThatIsNotHttpIsATypedFailureQuotingNothing() throws Exception {
    URI hostile = serve(request -> "HTTP/1.1 2OO " + SECRET_IN_RESPONSE + "\r\n\r\n");
    OkHttpTransport transport = new OkHttpTransport.Builder().build(null, 1024);

    Throwable failure = catchThrowable(() -> transport.send(get(hostile, Duration.ofSeconds(5))));

    assertThat(failure).isInstanceOf(OkHttpTransportFailure.class).hasNoCause();
    assertThat(failure.getMessage()).doesNotContain(SECRET_IN_RESPONSE);
    assertThat(String.valueOf(failure)).doesNotContain(SECRET_IN_RESPONSE);
  }

  @Test
  void goesThroughThePerClientProxyAndAnswersItsChallengeWithThePerClientAuthenticator()
      throws Exception {
    URI origin = serve(request -> response(200, "{\"ok\":true}"));
    List<String> proxied = new CopyOnWriteArrayList<>();
    AtomicInteger challenges = new AtomicInteger();
    // A forwarding HTTP proxy that wants Basic credentials: 407 first, then forwards and counts.
    URI proxy =
        serve(
            request -> {
              if (!request.contains("Proxy-Authorization: Basic dXNlcjpwYXNz")) {
                challenges.incrementAndGet();
                return "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"egress\"\r\n"
                    + "Content-Length: 0\r\n\r\n";
              }
              proxied.add(request.lines().findFirst().orElse(""));
              return response(200, "{\"ok\":true}");
            });
    AtomicInteger asked = new AtomicInteger();
    Authenticator authenticator =
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            asked.incrementAndGet();
            assertThat(getRequestorType()).isEqualTo(RequestorType.PROXY);
            return new PasswordAuthentication("user", "pass".toCharArray());
          }
        };
    OkHttpTransport transport =
        new OkHttpTransport.Builder()
            .proxy(
                new FixedProxy(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.getPort())))
            .authenticator(authenticator)
            .build(null, 1024);

    HttpTransport.Response received =
        transport.send(get(origin.resolve("/me"), Duration.ofSeconds(5)));

    assertThat(received.status()).isEqualTo(200);
    assertThat(challenges).hasValue(1);
    assertThat(asked).hasValue(1);
    assertThat(proxied).singleElement().asString().startsWith("GET " + origin.resolve("/me"));
  }

  @Test
  void aRefusedConnectionIsAConnectExceptionWithoutCause() throws Exception {
    int closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    OkHttpTransport transport = new OkHttpTransport.Builder().build(null, 1024);

    Throwable failure =
        catchThrowable(
            () ->
                transport.send(
                    get(
                        URI.create("http://127.0.0.1:" + closedPort + "/"),
                        Duration.ofSeconds(5))));

    assertThat(failure).isInstanceOf(java.net.ConnectException.class).hasNoCause();
  }

  @Test
  void derivedVariantsShareThePoolAndDispatcher() {
    OkHttpTransport transport = OkHttpTransport.create(HttpConfig.ofDefaults());

    OkHttpTransport variant = transport.withConnectTimeout(Duration.ofSeconds(1));

    assertThat(variant.client().connectionPool()).isSameAs(transport.client().connectionPool());
    assertThat(variant.client().dispatcher()).isSameAs(transport.client().dispatcher());
    assertThat(variant.client().connectTimeoutMillis()).isEqualTo(1_000);
  }

  private static HttpTransport.Request get(URI uri, Duration callTimeout) {
    return new HttpTransport.Request(
        "GET", uri, Map.of("Accept", List.of("application/json")), Optional.empty(), callTimeout);
  }

  private static String response(int status, String body) {
    return "HTTP/1.1 "
        + status
        + " OK\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /**
   * A server on loopback answering every request (head only, read up to the blank line) with {@code
   * answer}.
   */
  private URI serve(Function<String, String> answer) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    sockets.add(server);
    servers.submit(
        () -> {
          while (!server.isClosed()) {
            Socket socket = server.accept();
            servers.submit(
                () -> {
                  try (socket) {
                    BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                    OutputStream out = socket.getOutputStream();
                    while (true) {
                      StringBuilder head = new StringBuilder();
                      for (String line = in.readLine();
                          line != null && !line.isEmpty();
                          line = in.readLine()) {
                        head.append(line).append("\r\n");
                      }
                      if (head.length() == 0) {
                        return null;
                      }
                      out.write(answer.apply(head.toString()).getBytes(UTF_8));
                      out.flush();
                    }
                  }
                });
          }
          return null;
        });
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
  }

  /** Every URI through one proxy. */
  private static final class FixedProxy extends ProxySelector {
    private final Proxy proxy;

    FixedProxy(InetSocketAddress address) {
      this.proxy = new Proxy(Proxy.Type.HTTP, address);
    }

    @Override
    public List<Proxy> select(URI uri) {
      return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
  }
}
