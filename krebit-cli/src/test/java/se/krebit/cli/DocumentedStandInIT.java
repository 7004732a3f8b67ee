package se.krebit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.docs.KrebitDocs;

/**
 * {@code krebit me}, {@code me --json} and {@code token} against a stand-in Krebit written from the
 * saved documentation alone, deliberately not the test kit's fake: the JDK's {@code HttpServer}
 * answering the guide's client-credentials request (JSON, exactly as the guide shows it) with the
 * guide's token response, and {@code GET /api/1.0/me} with the users guide's example, both read from
 * the saved pages. Everything else is the server's own 404. The token endpoint sits at {@code
 * /oauth/token} (guide v1, the quickstart) or at {@code /api/oauth/token} (guide v2, {@code
 * /docs/authentication}), where krebit finds it when told, or by itself after one 404.
 */
class DocumentedStandInIT {
  private static final List<String> TOKEN_EXAMPLES = KrebitDocs.jsonExamples("authentication-v1.txt");
  private static final String TOKEN_REQUEST = example(TOKEN_EXAMPLES, "grant_type");
  private static final String TOKEN_RESPONSE = example(TOKEN_EXAMPLES, "access_token");
  private static final String USER = KrebitDocs.jsonExamples("users.txt").get(0);

  @TempDir Path home;

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void meMeJsonAndTokenWorkWithTheTokenAtOauthToken() throws Exception {
    Cli cli = standIn("/oauth/token");

    Cli.Run me = cli.run("me");
    Cli.Run json = cli.run("me", "--json");
    Cli.Run token = cli.run("token");

    assertThat(me.exitCode()).as(me.err()).isZero();
    assertThat(me.out()).contains(
        "  id:           8b1c2f33-5a4d-4a3e-8e2f-93d1a5cdb081",
        "  name:         Alex Integrator",
        "  email:        alex@example.com",
        "  organization: YourCo (4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5)",
        "  roles:        (none)");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).isEqualTo(USER + System.lineSeparator());
    assertThat(token.out()).isEqualTo(accessToken() + System.lineSeparator());
    assertThat(me.err() + json.err() + token.err()).isEmpty();
    assertThat(requests).containsExactly(
        "POST /oauth/token 200", "GET /api/1.0/me 200",
        "POST /oauth/token 200", "GET /api/1.0/me 200",
        "POST /oauth/token 200");
  }

  @Test
  void withTheTokenAtApiOauthTokenAndThePathSetNothingElseIsAsked() throws Exception {
    Cli cli = standIn("/api/oauth/token");

    Cli.Run me = cli.run("me", "--token-path", "/api/oauth/token");
    Cli.Run json = cli.env(ConfigSources.TOKEN_PATH, "/api/oauth/token").run("me", "--json");
    Cli.Run token = cli.run("token");

    assertThat(me.out()).as(me.err()).contains("  name:         Alex Integrator");
    assertThat(json.out()).isEqualTo(USER + System.lineSeparator());
    assertThat(token.out()).isEqualTo(accessToken() + System.lineSeparator());
    assertThat(requests).containsExactly(
        "POST /api/oauth/token 200", "GET /api/1.0/me 200",
        "POST /api/oauth/token 200", "GET /api/1.0/me 200",
        "POST /api/oauth/token 200");
  }

  @Test
  void withTheTokenAtApiOauthTokenAndNoSettingItIsFoundAfterOne404() throws Exception {
    Cli cli = standIn("/api/oauth/token");

    Cli.Run me = cli.run("me");
    Cli.Run json = cli.run("me", "--json");
    Cli.Run token = cli.run("token");

    assertThat(me.exitCode()).as(me.err()).isZero();
    assertThat(me.out()).contains("  email:        alex@example.com");
    assertThat(json.out()).isEqualTo(USER + System.lineSeparator());
    assertThat(token.out()).isEqualTo(accessToken() + System.lineSeparator());
    assertThat(requests).as("each run is a new process' worth of state: one 404, then the other path")
        .containsExactly(
            "POST /oauth/token 404", "POST /api/oauth/token 200", "GET /api/1.0/me 200",
            "POST /oauth/token 404", "POST /api/oauth/token 200", "GET /api/1.0/me 200",
            "POST /oauth/token 404", "POST /api/oauth/token 200");
  }

  /** Starts the stand-in with its token endpoint at {@code tokenPath}; krebit configured with the guide's placeholders. */
  private Cli standIn(String tokenPath) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> answer(exchange, 404, "text/html", "<h1>Not Found</h1>"));
    server.createContext(tokenPath, exchange -> {
      boolean asDocumented = exchange.getRequestMethod().equals("POST")
          && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
          && json(new String(exchange.getRequestBody().readAllBytes(), UTF_8)).equals(json(TOKEN_REQUEST));
      if (asDocumented) {
        answer(exchange, 200, "application/json", TOKEN_RESPONSE);
      } else {
        answer(exchange, 401, "application/json", "{\"error\": \"invalid_client\"}");
      }
    });
    server.createContext("/api/1.0/me", exchange -> {
      boolean bearer = ("Bearer " + accessToken()).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, bearer ? 200 : 401, "application/json", bearer ? USER : "{\"message\": \"Unauthenticated.\"}");
    });
    server.start();
    Map<String, Object> request = json(TOKEN_REQUEST);
    return new Cli(home)
        .env(ConfigSources.TENANT, "http://127.0.0.1:" + server.getAddress().getPort())
        .env(ConfigSources.CLIENT_ID, (String) request.get("client_id"))
        .env(ConfigSources.CLIENT_SECRET, (String) request.get("client_secret"));
  }

  private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.getResponseHeaders().add("request_id", "req_stand_in");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String accessToken() {
    return (String) json(TOKEN_RESPONSE).get("access_token");
  }

  private static String example(List<String> examples, String member) {
    return examples.stream().filter(example -> json(example).containsKey(member)).findFirst().orElseThrow();
  }

  private static Map<String, Object> json(String text) {
    try {
      return JSONObjectUtils.parse(text);
    } catch (ParseException e) {
      return Map.of();
    }
  }
}
