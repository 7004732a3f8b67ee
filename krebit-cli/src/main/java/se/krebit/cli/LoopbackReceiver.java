package se.krebit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AuthorizationCallbackException.MalformedCallback;
import se.krebit.auth.AuthorizationCallbackException.UnknownState;
import se.krebit.auth.CompletedAuthorization;

/**
 * The loopback redirect of RFC 8252 §7.3: an HTTP listener on {@code 127.0.0.1} that waits for the
 * browser's callback to {@code /callback}, hands it to the sign-in flow and answers the browser
 * with a short page saying how it went. Only 127.0.0.1 is bound, so nothing off this machine
 * reaches it.
 *
 * <p>Any local program can reach it, though, so it stands its ground: a callback that belongs to no
 * sign-in begun here (no {@code state}, or another one), or that comes before the sign-in began, is
 * answered 400, noted on standard error and otherwise ignored, and the wait goes on for the real
 * one. Requests are served by a small pool, and (in krebit's own process, where this is the first
 * of the JDK's HTTP servers) a connection that has not sent its whole request within {@link
 * #READ_TIMEOUT} is closed, so no connection can hold the listener up.
 */
final class LoopbackReceiver implements AutoCloseable {
  static final String PATH = "/callback";

  /** How long a connection may take to send its request: a browser sends it at once. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final int THREADS = 4;
  private static final int REPORTED_IGNORED = 10;

  static {
    // The JDK's HTTP server reads this when its first instance is made (only the login listener
    // makes
    // one in krebit) and closes connections whose request takes longer; without it, never.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(READ_TIMEOUT.toSeconds()));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintWriter err;
  private final CompletableFuture<CompletedAuthorization> outcome = new CompletableFuture<>();
  private final AtomicInteger ignored = new AtomicInteger();
  private volatile @Nullable Function<URI, CompletedAuthorization> completion;

  private LoopbackReceiver(HttpServer server, ExecutorService executor, PrintWriter err) {
    this.server = server;
    this.executor = executor;
    this.err = err;
  }

  /**
   * Starts listening on {@code port} of 127.0.0.1; 0 picks a free port.
   *
   * @param err where ignored callbacks are noted
   * @throws CliException if the port is taken
   */
  static LoopbackReceiver start(int port, PrintWriter err) {
    ExecutorService executor = LoopbackServer.threads("krebit-login-listener", THREADS);
    HttpServer server = LoopbackServer.unbound(executor);
    LoopbackReceiver receiver = new LoopbackReceiver(server, executor, err);
    server.createContext("/", receiver::handle);
    LoopbackServer.listen(server, executor, port, "the sign-in redirect");
    return receiver;
  }

  /** {@code http://127.0.0.1:PORT/callback}. */
  URI redirectUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /**
   * What to do with the callback: complete the sign-in. Set it before sending the browser off;
   * callbacks that come before are ignored.
   */
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
      throw new CliException(
          ExitCode.UNAVAILABLE,
          "No sign-in came back to "
              + redirectUri()
              + " within "
              + DurationConverter.format(timeout)
              + ". Run krebit login again and finish signing in in the browser in time (or raise --timeout).");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.OTHER, "Interrupted while waiting for the sign-in.", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException(e.getCause());
    }
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI request = exchange.getRequestURI();
      Function<URI, CompletedAuthorization> complete = completion;
      if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(request.getPath())) {
        answer(exchange, 404, "Not found", "This address only takes the sign-in callback.");
      } else if (outcome.isDone()) {
        answer(
            exchange,
            409,
            "Already done",
            "This sign-in has already finished; you can close this tab.");
      } else if (complete == null) {
        ignore(exchange, "before the sign-in began");
      } else {
        URI callback =
            URI.create(
                "http://127.0.0.1:"
                    + server.getAddress().getPort()
                    + request.getRawPath()
                    + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
        try {
          CompletedAuthorization done = complete.apply(callback);
          answer(
              exchange,
              200,
              "Signed in",
              "You are signed in to Krebit as "
                  + done.subject()
                  + ". You can close this tab and go back to the terminal.");
          outcome.complete(done);
        } catch (UnknownState | MalformedCallback notOurs) {
          // a forged request, or a stale tab of an earlier sign-in: the real callback may still
          // come
          ignore(
              exchange,
              "that belongs to no sign-in begun here ("
                  + (notOurs instanceof UnknownState
                      ? "another state"
                      : "no state, or a malformed one")
                  + ")");
        } catch (RuntimeException e) {
          answer(
              exchange,
              400,
              "Sign-in failed",
              (e.getMessage() == null ? "" : e.getMessage() + " ")
                  + "See the terminal for what to do.");
          outcome.completeExceptionally(e);
        }
      }
    }
  }

  private void ignore(HttpExchange exchange, String why) throws IOException {
    int count = ignored.incrementAndGet();
    if (count <= REPORTED_IGNORED) {
      err.println(
          "krebit login: ignored a request to "
              + PATH
              + " "
              + why
              + "; still waiting for the sign-in"
              + (count == REPORTED_IGNORED ? " (further ones are not reported)" : "")
              + ".");
      err.flush();
    }
    answer(
        exchange,
        400,
        "Not this sign-in",
        "This request belongs to no sign-in in progress here, and was ignored. Sign in from the page krebit"
            + " login printed.");
  }

  private static void answer(HttpExchange exchange, int status, String title, String text)
      throws IOException {
    byte[] page =
        ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Krebit: "
                + title
                + "</title></head><body><h1>"
                + title
                + "</h1><p>"
                + escape(text)
                + "</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, page.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(page);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
