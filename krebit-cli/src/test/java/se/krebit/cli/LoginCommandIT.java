package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * {@code krebit login}, {@code logout}, and the signed-in user's {@code token} and {@code me}: an HTTP
 * client plays the browser, asking the fake's authorize URL and following its redirect to krebit's
 * loopback callback.
 */
class LoginCommandIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();
  private static final String PORT = Integer.toString(TestFake.LOGIN_PORT);

  @TempDir Path home;
  private final ScriptedBrowser browser = new ScriptedBrowser();
  private Cli cli;

  @BeforeEach
  void configure(FakeKrebitServer server) {
    server.consent().approveAs(TestFake.USER);
    cli = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET).browser(browser);
  }

  @Test
  void signsInThroughTheLoopbackRedirectWithPkceAndStoresTheTokensEncryptedInTheHome() throws IOException {
    Cli.Run login = cli.run("login", "--subject", "alice", "--port", PORT);

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out())
        .contains("To sign in to Krebit at http://127.0.0.1:")
        .contains("Waiting up to 5m for the browser to come back to http://127.0.0.1:" + PORT + "/callback")
        .contains("Signed in as alice at ")
        .contains("Tokens stored in the encrypted H2 database " + home.resolve(".krebit/tokens.mv.db"));
    assertThat(browser.opened.getQuery())
        .contains("redirect_uri=http://127.0.0.1:" + PORT + "/callback")
        .contains("code_challenge_method=S256")
        .contains("state=");
    assertThat(browser.pageStatus).isEqualTo(200);
    assertThat(browser.page).contains("You are signed in to Krebit as alice");
    assertThat(home.resolve(".krebit/tokens.mv.db")).exists();
    assertThat(Files.readString(home.resolve(".krebit/store-key.json"))).contains("AesGcmKey");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".krebit/store-key.json"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".krebit"))))
        .isEqualTo("rwx------");
  }

  @Test
  void theSignedInUsersTokensServeTokenAndMeAndRefreshWithRotationAfterA401(FakeKrebitServer server) {
    cli.run("login", "--subject", "alice", "--port", PORT);
    int tokenRequests = server.journal().tokenRequestCount();

    Cli.Run token = cli.run("token", "--subject", "alice");
    assertThat(token.exitCode()).isZero();
    assertThat(server.journal().tokenRequestCount()).as("the stored token is served").isEqualTo(tokenRequests);
    Cli.Run me = cli.run("me", "--subject", "alice");
    assertThat(me.out()).contains("  id:           alice", "  email:        alice@example.com", "  roles:        signer");

    for (int refresh = 1; refresh <= 2; refresh++) {
      String current = cli.run("token", "--subject", "alice").out().strip();
      server.revoke(current);
      Cli.Run recovered = cli.run("me", "--subject", "alice");
      assertThat(recovered.exitCode()).as(recovered.err()).isZero();
      assertThat(recovered.out()).contains("  id:           alice");
      // each refresh redeemed the refresh token the previous one stored: a reused one would revoke them all
      assertThat(server.journal().refreshRedemptionsOfUser("alice")).isEqualTo(refresh);
      assertThat(cli.run("token", "--subject", "alice").out().strip()).isNotEqualTo(current);
    }
  }

  @Test
  void logoutDeletesTheStoredTokensAndTokenThenAsksToSignInAgain() {
    cli.run("login", "--subject", "alice", "--port", PORT);

    Cli.Run logout = cli.run("logout", "--subject", "alice");
    Cli.Run token = cli.run("token", "--subject", "alice");
    Cli.Run again = cli.run("logout", "--subject", "alice");

    assertThat(logout.exitCode()).isZero();
    assertThat(logout.out()).startsWith("Signed out alice at http://127.0.0.1:").contains("stored tokens are deleted");
    assertThat(token.exitCode()).isEqualTo(ExitCode.SIGN_IN_AGAIN.code());
    assertThat(token.err()).isEqualTo("krebit token: Subject 'alice' must sign in again: no tokens are stored for it."
        + " Run: krebit login --subject alice" + System.lineSeparator());
    assertThat(again.out()).startsWith("No tokens were stored for alice");
  }

  @Test
  void logoutNeedsNoClientSecret(FakeKrebitServer server) {
    cli.run("login", "--subject", "alice", "--port", PORT);

    Cli.Run logout = new Cli(home).env(ConfigSources.TENANT, server.baseUri().toString())
        .env(ConfigSources.CLIENT_ID, TestFake.CLIENT_ID).run("logout", "--subject", "alice");

    assertThat(logout.exitCode()).as(logout.err()).isZero();
  }

  @Test
  void withFakeTheSignInCompletesUnattendedAndNothingIsWritten() {
    Cli.Run login = new Cli(home).run("login", "--fake", "--subject", "bob");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out()).contains("Signed in as bob at http://127.0.0.1:")
        .contains("Tokens stored in memory (--fake: forgotten when krebit exits)");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void aDeclinedConsentIsTheTypedErrorWithWhatToDo(FakeKrebitServer server) {
    server.consent().denyNext();

    Cli.Run login = cli.run("login", "--subject", "alice", "--port", PORT);

    assertThat(login.exitCode()).isEqualTo(ExitCode.REFUSED.code());
    assertThat(login.err()).isEqualTo("krebit login: access_denied: The user declined to grant access. Server said: "
        + "The user denied the authorization request. Run krebit login again to grant access." + System.lineSeparator());
    assertThat(browser.pageStatus).isEqualTo(400);
    assertThat(browser.page).contains("Sign-in failed").contains("access_denied");
  }

  @Test
  void givesUpWhenNoBrowserComesBackInTime() {
    Cli.Run login = cli.browser(uri -> false).run("login", "--subject", "alice", "--timeout", "1s");

    assertThat(login.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(login.out()).contains("No browser was opened: open the URL above in a browser on this machine.");
    assertThat(login.err()).containsPattern(
        "krebit login: No sign-in came back to http://127\\.0\\.0\\.1:\\d+/callback within 1s\\. Run krebit login again");
  }

  @Test
  void saysSoWhenThePinnedPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Run login = cli.run("login", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(login.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(login.err()).contains("the port is taken; choose another --port");
    }
  }

  @Test
  void takesThePortFromTheConfigFile() throws IOException {
    Files.createDirectories(home.resolve(".krebit"));
    Files.writeString(home.resolve(".krebit/config.properties"), "krebit.login.port=" + PORT + "\n");

    Cli.Run login = cli.run("login", "--subject", "alice");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(browser.opened.getQuery()).contains("redirect_uri=http://127.0.0.1:" + PORT + "/callback");
  }
}
