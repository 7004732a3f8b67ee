package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code krebit me} against a server that answers with text meant for the terminal: escape sequences
 * that clear the screen, recolour it or retitle the window, a bell, C1 controls, a right-to-left override.
 * None of it may reach the terminal, as a summary, as {@code --json} or in an error. A stand-in server on
 * loopback, since the fake answers only what a real Krebit would.
 */
class HostileMeIT {
  /** As JSON escapes, in the users guide's shape: valid JSON, whose strings hold ESC, BEL and friends once parsed. */
  private static final String ESCAPED = "{\"data\":{\"id\":\"\\u001b[2J\\u001b[31mmallory\",\"name\":\"M\\u0007\","
      + "\"email\":\"m\\u001b]0;pwned\\u0007@example.com\",\"organization\":{\"id\":\"org\",\"name\":\"Evil\\u009b2J\"},"
      + "\"roles\":[\"admin\\u202egnp.exe\"]}}";
  /** Raw in the body: characters JSON allows unescaped (DEL, C1 controls, bidi overrides). */
  private static final String RAW = "{\"data\":{\"id\":\"mallory\u009b31m\",\"name\":\"app\u007f\","
      + "\"roles\":[\"a\u202eb\"]}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private HttpServer server;
  private volatile int status = 200;
  private volatile String contentType = "application/json";
  private volatile String body = ESCAPED;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth/token", exchange -> answer(exchange, 200, "application/json",
        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + "t".repeat(43) + "\"}"));
    server.createContext("/api/1.0/me", exchange -> answer(exchange, status, contentType, body));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theSummaryPrintsNothingATerminalWouldActOn() {
    Cli.Run run = me();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertPrintable(run.out());
    assertThat(run.out()).contains("  id:           ?[2J?[31mmallory", "  name:         M?",
        "  email:        m?]0;pwned?@example.com", "  organization: Evil?2J (org)", "  roles:        admin?gnp.exe");
  }

  @Test
  void jsonIsPrintedAsItCameWithWhatATerminalWouldActOnEscaped() throws IOException {
    body = RAW;

    Cli.Run run = me("--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertPrintable(run.out());
    assertThat(run.out()).isEqualTo(RAW.replace("\u009b", "\\u009b").replace("\u007f", "\\u007f")
        .replace("\u202e", "\\u202e") + System.lineSeparator());
    assertThat(JSON.readTree(run.out())).as("the same JSON").isEqualTo(JSON.readTree(RAW));
  }

  @Test
  void jsonThatArrivesEscapedStaysEscaped() {
    Cli.Run run = me("--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(ESCAPED + System.lineSeparator());
  }

  @Test
  void aBodyThatIsNotJsonIsNotPrinted() {
    contentType = "text/html";
    body = "<html>\u001b[2J\u001b]0;pwned\u0007 gotcha</html>";

    Cli.Run run = me("--json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OTHER.code());
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("krebit me: Krebit's answer to GET /me is not JSON, so it is not printed");
    assertPrintable(run.err());
  }

  @Test
  void anErrorQuotingTheServerPrintsNothingATerminalWouldActOn() {
    status = 403;
    body = "{\"message\":\"\\u001b]0;pwned\\u0007no \\u001b[5mentry\\u009b\"}";

    Cli.Run run = me();

    assertThat(run.exitCode()).isEqualTo(ExitCode.FORBIDDEN.code());
    assertPrintable(run.err());
  }

  private Cli.Run me(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "me";
    System.arraycopy(options, 0, args, 1, options.length);
    return new Cli(home)
        .env(ConfigSources.TENANT, "http://127.0.0.1:" + server.getAddress().getPort())
        .env(ConfigSources.CLIENT_ID, "cli")
        .env(ConfigSources.CLIENT_SECRET, "secret")
        .run(args);
  }

  /** Nothing but printable characters, spaces and line breaks. */
  private static void assertPrintable(String text) {
    assertThat(text.codePoints().filter(c -> c != '\n' && c != '\r'
        && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)).toArray())
        .as("control and format characters in %s", text).isEmpty();
  }

  private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
