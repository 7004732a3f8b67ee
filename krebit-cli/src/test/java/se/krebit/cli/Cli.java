package se.krebit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import se.krebit.testkit.FakeKrebitServer;

/**
 * Runs {@code krebit} in this process, as a user would from a shell, with captured output: its own
 * home directory, environment variables, standard input and browser.
 */
final class Cli {
  private final Path home;
  private final Map<String, String> variables = new HashMap<>();
  private String stdin = "";
  private Browser browser = uri -> {
    throw new AssertionError("no browser expected, asked to open " + uri);
  };

  Cli(Path home) {
    this.home = home;
  }

  /** The result of one run. */
  record Run(int exitCode, String out, String err) {
    /** Standard output and error, for checks that concern both. */
    String all() {
      return out + err;
    }
  }

  /** Sets an environment variable. */
  Cli env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Configures tenant, client id and secret (in the environment) for {@code server}'s app. */
  Cli configuredFor(FakeKrebitServer server, String clientId, String secret) {
    return env(ConfigSources.TENANT, server.baseUri().toString()).env(ConfigSources.CLIENT_ID, clientId).env(ConfigSources.CLIENT_SECRET, secret);
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli browser(Browser browser) {
    this.browser = browser;
    return this;
  }

  Path home() {
    return home;
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KrebitCli.commandLine(new CliEnvironment(
        variables, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), browser));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** A port free now, to pin krebit login's redirect URI to before the fake registers it. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The loopback redirect URI krebit login listens on at {@code port}. */
  static URI callback(int port) {
    return URI.create("http://127.0.0.1:" + port + "/callback");
  }
}
