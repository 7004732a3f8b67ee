package se.krebit.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.http.HttpTransport;

/**
 * Requests without a body are built once while the same URI and header map are sent again: over a
 * real socket, each request still carries exactly its own headers, also when sent at once.
 */
class JdkHttpTransportReuseIT {
  private HttpServer server;
  private URI base;
  private JdkHttpTransport transport;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              (exchange.getRequestMethod()
                      + " "
                      + exchange.getRequestURI().getPath()
                      + " "
                      + exchange.getRequestHeaders().getFirst("Authorization"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    transport = new JdkHttpTransport(HttpClient.newHttpClient(), 1024);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  private String send(URI uri, Map<String, List<String>> headers) throws Exception {
    HttpTransport.Response response =
        transport.send(
            new HttpTransport.Request(
                "GET", uri, headers, Optional.empty(), Duration.ofSeconds(10)));
    assertThat(response.status()).isEqualTo(200);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void eachRequestCarriesItsOwnUriAndHeaders() throws Exception {
    URI me = base.resolve("me");
    URI other = base.resolve("other");
    Map<String, List<String>> one = Map.of("Authorization", List.of("Bearer one"));
    Map<String, List<String>> two = Map.of("Authorization", List.of("Bearer two"));

    assertThat(send(me, one)).isEqualTo("GET /me Bearer one");
    assertThat(send(me, one)).isEqualTo("GET /me Bearer one");
    assertThat(send(me, two)).isEqualTo("GET /me Bearer two");
    assertThat(send(other, two)).isEqualTo("GET /other Bearer two");
    assertThat(send(me, Map.of("Authorization", List.of("Bearer one"))))
        .isEqualTo("GET /me Bearer one");
  }

  @Test
  void theSameRequestSentFromManyThreadsAtOnceIsAnsweredEveryTime() throws Exception {
    URI me = base.resolve("me");
    Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer shared"));
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(callers.submit(() -> send(me, headers)));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo("GET /me Bearer shared");
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
