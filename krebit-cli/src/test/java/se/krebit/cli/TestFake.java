package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The fake Krebit server the integration tests start themselves, and what they configure krebit
 * with.
 */
final class TestFake {
  static final String CLIENT_ID = "cli-test-client";
  static final String SECRET = "cli-test-secret-4f1d9a7c";
  static final String USER = "alice";

  /**
   * The port tests pin krebit login's loopback redirect to, registered with the fake in advance.
   */
  static final int LOGIN_PORT = freePort();

  private TestFake() {}

  /**
   * A fake with the test app, alice as a user with the signer role, and the login redirect URI
   * registered.
   */
  static FakeKrebitExtension extension() {
    return FakeKrebitExtension.builder()
        .app(CLIENT_ID, SECRET, "reader")
        .redirectUri(CLIENT_ID, Cli.callback(LOGIN_PORT).toString())
        .userRoles(USER, "signer")
        .build();
  }

  /**
   * Signs {@link #USER} in with {@code krebit login} through the scripted browser, the fake
   * approving, and returns {@code krebit} configured for {@code server} with the tokens stored
   * under {@code home}.
   */
  static Cli signedIn(FakeKrebitServer server, Path home) {
    server.consent().approveAs(USER);
    Cli cli = new Cli(home).configuredFor(server, CLIENT_ID, SECRET).browser(new ScriptedBrowser());
    Cli.Run login = cli.run("login", "--subject", USER, "--port", Integer.toString(LOGIN_PORT));
    assertThat(login.exitCode()).as(login.err()).isZero();
    return cli;
  }

  private static int freePort() {
    try {
      return Cli.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
