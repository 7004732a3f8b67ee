package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandaloneOptionsTest {
  @Test
  void readsEveryOptionInBothSpellings() {
    StandaloneOptions options =
        StandaloneOptions.parse(
            "--port",
            "9000",
            "--client",
            "a:secret:with:colons",
            "--client=b:x",
            "--token-lifetime=60");

    assertThat(options.port()).isEqualTo(9000);
    assertThat(options.apps()).extracting(RegisteredApp::clientId).containsExactly("a", "b");
    assertThat(options.apps().get(0).secret().reveal()).isEqualTo("secret:with:colons");
    assertThat(options.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.help()).isFalse();
  }

  @Test
  void readsTheAuthorizationCodeOptions() {
    StandaloneOptions options =
        StandaloneOptions.parse(
            "--client",
            "a:x",
            "--client",
            "b:y",
            "--redirect-uri",
            "http://127.0.0.1:9999/cb",
            "--redirect-uri=https://app.example/cb",
            "--auto-approve",
            "alice",
            "--role",
            "alice:signer",
            "--role=alice:reader",
            "--role",
            "b:admin");

    assertThat(options.redirectUris())
        .containsExactly("http://127.0.0.1:9999/cb", "https://app.example/cb");
    assertThat(options.apps())
        .allSatisfy(
            app ->
                assertThat(app.redirectUris())
                    .containsExactly("http://127.0.0.1:9999/cb", "https://app.example/cb"));
    assertThat(options.apps().get(0).roles()).isEmpty();
    assertThat(options.apps().get(1).roles()).containsExactly("admin");
    assertThat(options.autoApprove()).containsExactly("alice");
    assertThat(options.userRoles()).containsOnlyKeys("alice");
    assertThat(options.userRoles().get("alice")).containsExactlyInAnyOrder("signer", "reader");
  }

  @Test
  void readsTheTokenPaths() {
    StandaloneOptions options =
        StandaloneOptions.parse(
            "--client", "a:x", "--token-path", "/api/oauth/token", "--token-path=/oauth/token");

    assertThat(options.tokenPaths()).containsExactly("/api/oauth/token", "/oauth/token");
    assertThat(FakeKrebitMain.build(options).tokenPaths())
        .containsExactly("/api/oauth/token", "/oauth/token");
    assertThat(StandaloneOptions.parse("--client", "a:x").tokenPaths()).isEmpty();
    assertThatThrownBy(
            () -> StandaloneOptions.parse("--client", "a:x", "--token-path", "api/oauth/token"))
        .isInstanceOf(StandaloneOptions.UsageException.class)
        .hasMessageContaining("--token-path: a token path starts with '/'");
  }

  @Test
  void theAuthorizationCodeOptionsAreOptional() {
    StandaloneOptions options = StandaloneOptions.parse("--client", "a:x");

    assertThat(options.redirectUris()).isEmpty();
    assertThat(options.autoApprove()).isEmpty();
    assertThat(options.userRoles()).isEmpty();
  }

  @Test
  void theHelpDocumentsEveryOption() {
    // The tests here read every option, so OPTIONS can't lose one; checked against it, the usage
    // line and the help can't leave one out.
    for (String option : StandaloneOptions.OPTIONS) {
      assertThat(StandaloneOptions.USAGE).containsPattern("[ \\[]" + Pattern.quote(option) + " ");
      assertThat(StandaloneOptions.HELP).contains("\n  " + option + " ");
    }
    assertThat(StandaloneOptions.HELP)
        .startsWith(StandaloneOptions.USAGE)
        .contains("\n  --help, -h ")
        .contains(
            "rotate (the default: strict\n                        rotation with reuse detection;");
    assertThat(StandaloneOptions.USAGE).doesNotContain("\n");
  }

  @Test
  void readsSeveralAutoApprovedUsersAndTheRefreshOptions() {
    StandaloneOptions options =
        StandaloneOptions.parse(
            "--client",
            "a:x",
            "--auto-approve",
            "alice",
            "--auto-approve=bob",
            "--refresh-rotation",
            "keep-and-omit",
            "--refresh-reuse-grace",
            "5",
            "--refresh-token-lifetime=600",
            "--admin-token-file",
            "/etc/krebit-admin-token");

    assertThat(options.autoApprove()).containsExactly("alice", "bob");
    assertThat(options.refresh().rotation()).isEqualTo(RefreshTokenRotation.KEEP_AND_OMIT);
    assertThat(options.refresh().reuseGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.refresh().lifetime()).contains(Duration.ofSeconds(600));
    assertThat(options.adminTokenFile()).contains(Path.of("/etc/krebit-admin-token"));
  }

  @Test
  void defaultsToStrictRotationWithoutGraceAndAClosedAdminApi() {
    StandaloneOptions options = StandaloneOptions.parse("--client", "a:x");

    assertThat(options.refresh())
        .isEqualTo(
            new RefreshSettings(RefreshTokenRotation.ROTATE, Duration.ZERO, Optional.empty()));
    assertThat(options.adminTokenFile()).isEmpty();
  }

  @Test
  void refusesAnAdminTokenFileThatIsShortWithoutQuotingIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "short-secret\n");

    assertThatThrownBy(() -> StandaloneOptions.readAdminToken(file))
        .isInstanceOf(StandaloneOptions.UsageException.class)
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> StandaloneOptions.readAdminToken(dir.resolve("missing")))
        .hasMessageContaining("can't read");
  }

  @Test
  void defaultsToPort8089AndAnHour() {
    StandaloneOptions options = StandaloneOptions.parse("--client", "demo-client:demo-secret");

    assertThat(options.port()).isEqualTo(8089);
    assertThat(options.tokenLifetime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void helpNeedsNoClient() {
    assertThat(StandaloneOptions.parse("--help").help()).isTrue();
    assertThat(StandaloneOptions.parse("--port", "1", "-h").help()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                       | at least one --client",
        "--port 8089                              | at least one --client",
        "--client                                 | --client needs a value",
        "--client demo                            | ID:SECRET",
        "--client :secret                         | ID:SECRET",
        "--client demo:                           | ID:SECRET",
        "--client a:x --client a:y                | given twice",
        "--client a:x --port                      | --port needs a value",
        "--client a:x --port http                 | --port must be a whole number from 0 to 65535, was 'http'",
        "--client a:x --port 70000                | from 0 to 65535",
        "--client a:x --token-lifetime 0          | --token-lifetime must be a whole number from 1",
        "--client a:x --verbose                   | unknown option '--verbose'",
        "--client a:x extra                       | unknown option 'extra'",
        "--client a:x --redirect-uri /cb          | --redirect-uri: redirect URI must be absolute",
        "--client a:x --redirect-uri http://x/#f  | fragment",
        "--client a:x --auto-approve a --auto-approve a | --auto-approve names the same user twice",
        "--client a:x --refresh-rotation sometimes | --refresh-rotation must be rotate, keep-and-repeat or keep-and-omit",
        "--client a:x --refresh-reuse-grace -1    | --refresh-reuse-grace must be a whole number from 0",
        "--client a:x --refresh-token-lifetime 0  | --refresh-token-lifetime must be a whole number from 1",
        "--client a:x --role alice                | --role must be ID:ROLE",
        "--client a:x --role :signer              | --role must be ID:ROLE",
        "--client a:x --role alice:               | --role must be ID:ROLE",
      })
  void namesTheFirstProblemOnOneLine(String commandLine, String expected) {
    String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split(" +");

    assertThatThrownBy(() -> StandaloneOptions.parse(args))
        .isInstanceOf(StandaloneOptions.UsageException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void neverEchoesASecretInAnError() {
    assertThatThrownBy(() -> StandaloneOptions.parse("--client", "bad\tid:hunter2"))
        .hasMessageNotContaining("hunter2");
  }
}
