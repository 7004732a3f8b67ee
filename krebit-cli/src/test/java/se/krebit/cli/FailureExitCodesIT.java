package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.tink.TinkTokenCipher;

/**
 * Each class of failure ends krebit with its own exit code and one line on standard error: what went
 * wrong, the Krebit guide's hint, the {@code request_id}; a stack trace only with {@code --verbose}.
 */
class FailureExitCodesIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();
  private static final String REQUEST_ID = "\\(request_id req_[0-9a-f]{24}\\)";

  @TempDir Path home;
  private Cli cli;

  @BeforeEach
  void configure(FakeKrebitServer server) {
    cli = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET);
  }

  @Test
  void aWrongSecretIsInvalidClientWithTheGuidesHint() {
    Cli.Run run = cli.env(ConfigSources.CLIENT_SECRET, "not-the-secret").run("token");

    assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertOneLine(run.err(), "krebit token: invalid_client: Confirm that the client_id, the client_secret and the tenant"
        + " domain belong together\\. .*" + REQUEST_ID);
  }

  @Test
  void unsupportedGrantTypeSaysToCheckTheRequest(FakeKrebitServer server) {
    server.failNextTokenRequests(1, InjectedFault.response(400, "application/json", "{\"error\":\"unsupported_grant_type\"}"));

    Cli.Run run = cli.run("me");

    assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code());
    assertOneLine(run.err(), "krebit me: unsupported_grant_type: Check the grant_type value and that the request body"
        + " includes every required field\\. " + REQUEST_ID);
  }

  @Test
  void a403SaysTheIdentityLacksARole(FakeKrebitServer server) {
    server.requireRole("/api/1.0/me", "auditor");

    Cli.Run run = cli.run("me");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FORBIDDEN.code()).isEqualTo(5);
    assertOneLine(run.err(), "krebit me: GET /api/1\\.0/me answered HTTP 403: the identity lacks a role this resource"
        + " requires; ask the tenant's administrator to grant it\\. Server said: .*auditor.* " + REQUEST_ID);
  }

  @Test
  void aRevokedRefreshTokenMeansSigningInAgain(FakeKrebitServer server) {
    server.consent().approveAs(TestFake.USER);
    assertThat(cli.browser(new ScriptedBrowser())
        .run("login", "--subject", "alice", "--port", Integer.toString(TestFake.LOGIN_PORT)).exitCode()).isZero();
    server.revokeUser(TestFake.USER); // as when a reused refresh token revokes its family

    Cli.Run run = cli.run("me", "--subject", "alice");

    assertThat(run.exitCode()).isEqualTo(ExitCode.SIGN_IN_AGAIN.code()).isEqualTo(4);
    assertOneLine(run.err(), "krebit me: Subject 'alice' must sign in again: Krebit refused its refresh token \\(expired,"
        + " revoked or already used\\)\\. " + REQUEST_ID + "\\. Run: krebit login --subject alice");
  }

  @Test
  void anUnreachableTenantIsUnavailable() throws Exception {
    Cli.Run run = cli.env(ConfigSources.TENANT, "http://127.0.0.1:" + Cli.freePort() + "/").run("token");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code()).isEqualTo(6);
    assertOneLine(run.err(), "krebit token: .*Krebit is unreachable or failing: check the tenant and the network, then"
        + " try again later\\.");
  }

  @Test
  void aFailingTokenEndpointIsUnavailableWithTheRequestId(FakeKrebitServer server) {
    server.failNextTokenRequests(10, InjectedFault.status(503));

    Cli.Run run = cli.run("token");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertOneLine(run.err(), "krebit token: .*503.*" + REQUEST_ID + ".*Krebit is unreachable or failing.*");
  }

  @Test
  void missingConfigurationNamesTheKeyAndWhereToSetIt() {
    Cli.Run noTenant = new Cli(home).run("token");
    Cli.Run noSecret = new Cli(home).env(ConfigSources.TENANT, "acme").env(ConfigSources.CLIENT_ID, "abc").run("me");

    assertThat(noTenant.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code()).isEqualTo(2);
    assertOneLine(noTenant.err(), "krebit token: No tenant is configured: pass --tenant, set KREBIT_TENANT, or put"
        + " krebit\\.tenant=… in .*config\\.properties \\(or try --fake for an embedded fake server\\)\\.");
    assertThat(noSecret.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertOneLine(noSecret.err(), "krebit me: No client secret is configured: set KREBIT_CLIENT_SECRET, .*");
  }

  @Test
  void aStoreThatDoesNotDecryptIsAStorageError(FakeKrebitServer server) {
    server.consent().approveAs(TestFake.USER);
    cli.browser(new ScriptedBrowser()).run("login", "--subject", "alice", "--port", Integer.toString(TestFake.LOGIN_PORT));

    Cli.Run run = cli.env(ConfigSources.STORE_KEY, TinkTokenCipher.generateKeysetJson()).run("token", "--subject", "alice");

    assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE.code()).isEqualTo(7);
    assertOneLine(run.err(), "krebit token: .*Check the store directory \\(--store-dir\\) and its key"
        + " \\(KREBIT_STORE_KEY or store-key\\.json\\)\\.");
  }

  @Test
  void verboseAddsTheCausesAndTheStackTrace() throws Exception {
    Cli.Run run = cli.env(ConfigSources.TENANT, "http://127.0.0.1:" + Cli.freePort() + "/").run("token", "--verbose");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("krebit token: ");
    assertThat(run.err()).contains("Caused by: ").contains("\tat se.krebit.");
  }

  private static void assertOneLine(String err, String pattern) {
    assertThat(err.lines()).hasSize(1);
    assertThat(err.strip()).matches(pattern);
    assertThat(err).doesNotContain("\tat ");
  }
}
