package se.krebit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import se.krebit.auth.CompletedAuthorization;

/**
 * The loopback redirect of RFC 8252 §7.3: an HTTP listener on {@code 127.0.0.1} that takes the
 * browser's one callback to {@code /callback}, hands it to the sign-in flow and answers the browser
 * with a short page saying how it went. Only 127.0.0.1 is bound, so nothing off this machine reaches it.
 */
final class LoopbackReceiver implements AutoCloseable {
  static final String PATH = "/callback";

  private final HttpServer server;
  private final CompletableFuture<CompletedAuthorization> outcome = new CompletableFuture<>();
  private volatile Function<URI, CompletedAuthorization> completion =
      callback -> { throw new IllegalStateException("no sign-in has begun"); };

  private LoopbackReceiver(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts listening on {@code port} of 127.0.0.1; 0 picks a free port.
   *
   * @throws CliException if the port is taken
   */
  static LoopbackReceiver start(int port) {
    HttpServer server = LoopbackServer.bind(port, "the sign-in redirect");
    LoopbackReceiver receiver = new LoopbackReceiver(server);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:PORT/callback}. */
  URI redirectUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** What to do with the callback: complete the sign-in. Set it before sending the browser off. */
  void completeWith(Function<URI, CompletedAuthorization> completion) {
    this.completion = completion;
  }

  /**
   * Waits for the callback's sign-in to complete.
   *
   * @throws CliException if no callback came within {@code timeout}
   * @throws RuntimeException what completing the sign-in threw, such as a declined consent
   */
  CompletedAuthorization await(Duration timeout) {
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CliException(ExitCode.UNAVAILABLE,
          "No sign-in came back to " + redirectUri() + " within " + DurationConverter.format(timeout)
              + ". Run krebit login again and finish signing in in the browser in time (or raise --timeout).");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.OTHER, "Interrupted while waiting for the sign-in.", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    }
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI request = exchange.getRequestURI();
      if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(request.getPath())) {
        answer(exchange, 404, "Not found", "This address only takes the sign-in callback.");
      } else if (outcome.isDone()) {
        answer(exchange, 409, "Already done", "This sign-in has already finished; you can close this tab.");
      } else {
        URI callback = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + request.getRawPath()
            + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
        try {
          CompletedAuthorization done = completion.apply(callback);
          answer(exchange, 200, "Signed in", "You are signed in to Krebit as " + done.subject()
              + ". You can close this tab and go back to the terminal.");
          outcome.complete(done);
        } catch (RuntimeException e) {
          answer(exchange, 400, "Sign-in failed", (e.getMessage() == null ? "" : e.getMessage() + " ")
              + "See the terminal for what to do.");
          outcome.completeExceptionally(e);
        }
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String title, String text) throws IOException {
    byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Krebit: " + title
        + "</title></head><body><h1>" + title + "</h1><p>" + escape(text) + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, page.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(page);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
