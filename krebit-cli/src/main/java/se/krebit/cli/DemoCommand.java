package se.krebit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.FakeKrebitServer;

/**
 * {@code krebit demo}: starts the fake Krebit server in this process and walks through the
 * client-credentials flow step by step, showing each request's {@code request_id} and timing.
 * Token values are shown as fingerprints only.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded fake Krebit server and walk through the client-credentials flow:",
      "first token, cache hits, /api/1.0/me, refresh ahead of expiry, a revoked token, a wrong secret."
    })
final class DemoCommand implements Callable<Integer> {
  private static final String CLIENT_ID = "demo-client";
  private static final String SECRET = "demo-secret";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (FakeKrebitServer server = FakeKrebitServer.builder().app(CLIENT_ID, SECRET, "reader").build().start()) {
      new Walkthrough(server, out).run();
    }
    return 0;
  }

  /** One run of the demo against one server. */
  private static final class Walkthrough {
    private final FakeKrebitServer server;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newHttpClient();
    private int step;

    Walkthrough(FakeKrebitServer server, PrintWriter out) {
      this.server = server;
      this.out = out;
    }

    void run() throws Exception {
      out.printf("Krebit Auth demo: a fake Krebit server is running at %s%n", server.baseUri());
      out.printf("Client '%s' authenticates with the client-credentials grant (JSON token request, as in the"
          + " Krebit guide).%n%n", CLIENT_ID);
      FeignTokenEndpoint endpoint = FeignTokenEndpoint.builder().tenant(server.tenant()).build();
      TokenSource tokens = ClientCredentialsTokenSource.builder()
          .endpoint(endpoint)
          .client(ClientCredentials.of(CLIENT_ID, SECRET))
          .clock(server.clock())
          .build();

      long started = System.nanoTime();
      AccessToken first = tokens.token();
      step("First token() obtains a token", "token %s, expires %s (%s, %d ms)",
          first.fingerprint(), first.expiresAt(), lastTokenRequestId(), millisSince(started));

      started = System.nanoTime();
      for (int i = 0; i < 1_000_000; i++) {
        tokens.token();
      }
      step("1,000,000 more token() calls are served from cache", "%d token request(s) in total, %d ms for all",
          server.journal().tokenRequestCount(), millisSince(started));

      callMe(tokens.token(), "GET /api/1.0/me with the token");

      server.clock().advance(Duration.ofSeconds(3540));
      AccessToken stillServed = tokens.token();
      waitForTokenRequests(2);
      AccessToken refreshed = waitForNewToken(tokens, first);
      step("The clock moves to 60 s before expiry: refreshed ahead, in the background",
          "callers got %s without waiting; then %s (%s)", stillServed.fingerprint(), refreshed.fingerprint(),
          lastTokenRequestId());

      server.revoke(refreshed);
      int status = statusOf(refreshed);
      tokens.invalidate(refreshed);
      AccessToken replacement = tokens.token();
      step("Krebit revokes the token: the API answers 401, the app reports it with invalidate()",
          "%d for %s, then a new token %s", status, refreshed.fingerprint(), replacement.fingerprint());
      callMe(replacement, "GET /api/1.0/me with the new token");

      TokenSource wrongSecret = ClientCredentialsTokenSource.builder()
          .endpoint(endpoint)
          .client(ClientCredentials.of(CLIENT_ID, "not-the-secret"))
          .clock(server.clock())
          .build();
      try {
        wrongSecret.token();
        step("A wrong secret", "unexpectedly accepted");
      } catch (KrebitException e) {
        step("A wrong secret gives a typed error with the guide's hint", "%s: %s",
            e.getClass().getSimpleName(), e.getMessage());
      }
      out.printf("%nDone: %d token requests and %d API requests reached the fake server.%n",
          server.journal().tokenRequestCount(), server.journal().apiRequestCount());
    }

    private void callMe(AccessToken token, String title) throws Exception {
      long started = System.nanoTime();
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(server.apiBaseUri().resolve("me"))
              .header("Authorization", token.authorizationHeader())
              .build(),
          HttpResponse.BodyHandlers.ofString());
      step(title, "%d %s (request_id %s, %d ms)", response.statusCode(), response.body(),
          response.headers().firstValue("request_id").orElse("none"), millisSince(started));
    }

    private int statusOf(AccessToken token) throws Exception {
      URI me = server.apiBaseUri().resolve("me");
      return http.send(HttpRequest.newBuilder(me).header("Authorization", token.authorizationHeader()).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void waitForTokenRequests(int count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (server.journal().tokenRequestCount() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }

    private static AccessToken waitForNewToken(TokenSource tokens, AccessToken old) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      AccessToken current = tokens.token();
      while (current.equals(old) && System.nanoTime() < deadline) {
        Thread.sleep(5);
        current = tokens.token();
      }
      return current;
    }

    private String lastTokenRequestId() {
      return "request_id " + server.journal().lastTokenRequest().map(r -> r.requestId()).orElse("none");
    }

    private void step(String title, String format, Object... args) {
      out.printf("%d. %s%n   %s%n", ++step, title, String.format(format, args));
      out.flush();
    }

    private static long millisSince(long startedNanos) {
      return (System.nanoTime() - startedNanos) / 1_000_000;
    }
  }
}
