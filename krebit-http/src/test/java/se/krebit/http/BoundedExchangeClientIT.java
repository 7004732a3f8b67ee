package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.http.internal.JdkHttpTransport;
import se.krebit.http.internal.TlsHttpClients;

/**
 * The client over a real loopback socket: a body past the cap stops being read, and headers and
 * body together get one read timeout, however the server dribbles; a body's failure reaches its
 * reader, with the status of the response.
 */
class BoundedExchangeClientIT {
  private static final int CAP = 64 * 1024;
  // 1 s, not 500 ms: a loaded 2-core CI machine took longer than 500 ms to deliver healthy headers
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  private final BoundedExchangeClient client =
      new BoundedExchangeClient(
          new JdkHttpTransport(TlsHttpClients.create(null, Duration.ofSeconds(2)), CAP));
  private final ServerSocket server = serverSocket();
  private final CompletableFuture<Long> written = new CompletableFuture<>();

  @AfterEach
  void closeServer() throws IOException {
    server.close();
  }

  @Test
  void returnsAWholeBodyWithItsHeaders() throws IOException {
    serve(
        out -> {
          out.write(head("Content-Length: 13\r\nX-Request-Id: req_1"));
          out.write("{\"id\":\"app\"}\n".getBytes(StandardCharsets.UTF_8));
        });

    try (Response response = client.execute(get(), options())) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers().get("x-request-id")).containsExactly("req_1");
      assertThat(new ResponseBodies(CAP).readJson(response))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("{\"id\":\"app\"}\n");
    }
  }

  @Test
  void stopsReadingAnEndlessBodyJustPastTheCap() throws Exception {
    serve(
        out -> {
          out.write(head("Transfer-Encoding: chunked"));
          byte[] chunk = chunk(16 * 1024);
          long total = 0;
          try {
            while (total < 1024L * 1024 * 1024) {
              out.write(chunk);
              total += chunk.length;
            }
          } finally {
            written.complete(total);
          }
        });

    long started = System.nanoTime();
    try (Response response = client.execute(get(), options())) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT);
      assertThatThrownBy(() -> new ResponseBodies(CAP).read(response))
          .isInstanceOf(UnusableResponse.class)
          .hasMessageContaining("larger than the limit of " + CAP + " bytes");
    }
    // the client closed the connection: the server's writes fail once the socket buffers are full
    assertThat(written.get(5, TimeUnit.SECONDS)).isLessThan(64L * 1024 * 1024);
  }

  @Test
  void aCutOffBodyFailsARawReaderInsteadOfEndingEarly() throws IOException {
    serve(
        out -> {
          out.write(head("Content-Length: " + (CAP * 4)));
          out.write(new byte[CAP * 4]);
        });

    try (Response response = client.execute(get(), options());
        InputStream body = response.body().asInputStream()) {
      assertThat(body.readNBytes(CAP + 1)).hasSize(CAP + 1);
      assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }
  }

  @Test
  void aDribbledBodyTimesOutAtTheReadTimeout() throws IOException {
    serve(
        out -> {
          out.write(head("Content-Length: 1000"));
          for (int i = 0; i < 1000; i++) {
            out.write('x');
            out.flush();
            sleep(50);
          }
        });

    long started = System.nanoTime();
    try (Response response = client.execute(get(), options())) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      assertThat(response.status()).as("the headers came in time").isEqualTo(200);
      assertThat(elapsed).isBetween(READ_TIMEOUT, READ_TIMEOUT.multipliedBy(3));
      assertThatThrownBy(() -> new ResponseBodies(CAP).read(response))
          .isInstanceOf(HttpTimeoutException.class)
          .hasMessage("response body not received within " + READ_TIMEOUT.toMillis() + " ms");
    }
  }

  @Test
  void slowHeadersTimeOutAtTheReadTimeout() throws IOException {
    serve(out -> sleep(5_000));

    long started = System.nanoTime();
    Throwable failure = catchThrowable(() -> client.execute(get(), options()));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failure).isInstanceOf(HttpTimeoutException.class);
    assertThat(elapsed).isBetween(READ_TIMEOUT, READ_TIMEOUT.multipliedBy(3));
  }

  @Test
  void anInterruptedCallFailsAndKeepsItsInterrupt() throws IOException {
    serve(out -> sleep(5_000));

    Thread.currentThread().interrupt();
    Throwable failure = catchThrowable(() -> client.execute(get(), options()));

    assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    assertThat(failure).isInstanceOf(InterruptedIOException.class);
  }

  private interface Script {
    void answer(OutputStream out) throws IOException;
  }

  /** Answers one connection: reads the request head, then runs the script. */
  private void serve(Script script) {
    Thread thread =
        new Thread(
            () -> {
              try (Socket connection = server.accept()) {
                readHead(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                script.answer(out);
                out.flush();
              } catch (IOException e) {
                written.complete(-1L); // the client went away; when is up to the test
              }
            },
            "bounded-exchange-test-server");
    thread.setDaemon(true);
    thread.start();
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  private static byte[] head(String headers) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + headers + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] chunk(int size) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) 'a');
    byte[] prefix = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = Arrays.copyOf(prefix, prefix.length + size + 2);
    System.arraycopy(data, 0, chunk, prefix.length, size);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Request get() {
    return Request.create(
        Request.HttpMethod.GET,
        "http://127.0.0.1:" + server.getLocalPort() + "/api/1.0/me",
        Map.of("Accept", List.of("application/json")),
        null,
        StandardCharsets.UTF_8,
        null);
  }

  private static Request.Options options() {
    return new Request.Options(Duration.ofSeconds(2), READ_TIMEOUT, false);
  }

  private static ServerSocket serverSocket() {
    try {
      return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
