package se.krebit.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import se.krebit.testkit.docs.KrebitDocs;

/**
 * The server side of {@link ApiCallCost}: a JVM of its own that answers {@code GET /api/1.0/me}
 * with the users guide's example body (read from the saved page through {@link KrebitDocs}) and
 * {@code POST /oauth/token} with a day-long bearer token, over plain HTTP/1.1 with keep-alive on
 * 127.0.0.1.
 *
 * <p>It does the least a server can (no routing library, no JSON, one fixed body), so that what the
 * client JVM spends is the client's; it runs on a core of its own ({@code taskset}). It prints
 * {@code listening <base URI>} on its first line and stops when its standard input closes; {@code
 * GET /stats} answers {@code me=<n> token=<n>}, the requests served so far, so the driver can check
 * that nobody went back to the token endpoint during a measurement.
 */
public final class ApiCallServer {
  /** The bearer token the token endpoint hands out, and the only one {@code /me} accepts. */
  static final String TOKEN = "api-call-cost-token";

  private static final String TOKEN_BODY =
      "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":86400}";

  private final AtomicLong me = new AtomicLong();
  private final AtomicLong token = new AtomicLong();
  private final byte[] meBody = meBody();
  private final byte[] tokenBody = TOKEN_BODY.getBytes(UTF_8);

  private ApiCallServer() {}

  /**
   * The users guide's {@code /me} example as a server sends it: the saved page's first example
   * without the page's line breaks (183 bytes), as issue 18's table was measured.
   */
  static byte[] meBody() {
    try {
      ObjectMapper mapper = new ObjectMapper();
      return mapper.writeValueAsBytes(mapper.readTree(KrebitDocs.jsonExamples("users.txt").get(0)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves until standard input closes. */
  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY the JDK server's two writes (head, then body) meet the client's delayed
    // ACK:
    // every call would wait ~40 ms, and wall time would measure the kernel's timers, not the
    // clients.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    new ApiCallServer().serve();
  }

  private void serve() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // One thread per calling thread of the client at most (4), so no request waits for a server
    // thread.
    ExecutorService workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    server.createContext("/api/1.0/me", this::me);
    server.createContext("/oauth/token", this::token);
    server.createContext("/stats", this::stats);
    server.start();
    System.out.println(
        "listening http://127.0.0.1:" + server.getAddress().getPort() + "/ body=" + meBody.length);
    System.out.flush();
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // The driver holds our standard input open while it needs us.
      }
    } finally {
      server.stop(0);
      workers.shutdownNow();
    }
  }

  private void me(HttpExchange exchange) throws IOException {
    boolean bearer =
        ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    answerIf(exchange, bearer, 401, me, meBody);
  }

  private void token(HttpExchange exchange) throws IOException {
    answerIf(exchange, "POST".equals(exchange.getRequestMethod()), 405, token, tokenBody);
  }

  /**
   * Answers {@code body} and counts it when the request is {@code acceptable}, else {@code refusal}
   * without a count.
   */
  private static void answerIf(
      HttpExchange exchange, boolean acceptable, int refusal, AtomicLong served, byte[] body)
      throws IOException {
    drain(exchange);
    if (!acceptable) {
      answer(exchange, refusal, "application/json", "{\"error\":\"refused\"}".getBytes(UTF_8));
      return;
    }
    served.incrementAndGet();
    answer(exchange, 200, "application/json", body);
  }

  private void stats(HttpExchange exchange) throws IOException {
    drain(exchange);
    answer(
        exchange, 200, "text/plain", ("me=" + me.get() + " token=" + token.get()).getBytes(UTF_8));
  }

  private static void drain(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void answer(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
