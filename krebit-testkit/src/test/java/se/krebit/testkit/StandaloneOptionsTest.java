package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandaloneOptionsTest {
  @Test
  void readsEveryOptionInBothSpellings() {
    StandaloneOptions options = StandaloneOptions.parse(
        "--port", "9000", "--client", "a:secret:with:colons", "--client=b:x", "--token-lifetime=60");

    assertThat(options.port()).isEqualTo(9000);
    assertThat(options.apps()).extracting(RegisteredApp::clientId).containsExactly("a", "b");
    assertThat(options.apps().get(0).secret().reveal()).isEqualTo("secret:with:colons");
    assertThat(options.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.help()).isFalse();
  }

  @Test
  void readsTheAuthorizationCodeOptions() {
    StandaloneOptions options = StandaloneOptions.parse("--client", "a:x", "--client", "b:y",
        "--redirect-uri", "http://127.0.0.1:9999/cb", "--redirect-uri=https://app.example/cb",
        "--auto-approve", "alice", "--role", "alice:signer", "--role=alice:reader", "--role", "b:admin");

    assertThat(options.redirectUris()).containsExactly("http://127.0.0.1:9999/cb", "https://app.example/cb");
    assertThat(options.apps()).allSatisfy(app -> assertThat(app.redirectUris())
        .containsExactly("http://127.0.0.1:9999/cb", "https://app.example/cb"));
    assertThat(options.apps().get(0).roles()).isEmpty();
    assertThat(options.apps().get(1).roles()).containsExactly("admin");
    assertThat(options.autoApprove()).contains("alice");
    assertThat(options.userRoles()).containsOnlyKeys("alice");
    assertThat(options.userRoles().get("alice")).containsExactlyInAnyOrder("signer", "reader");
  }

  @Test
  void readsTheTokenPaths() {
    StandaloneOptions options =
        StandaloneOptions.parse("--client", "a:x", "--token-path", "/api/oauth/token", "--token-path=/oauth/token");

    assertThat(options.tokenPaths()).containsExactly("/api/oauth/token", "/oauth/token");
    assertThat(FakeKrebitMain.build(options).tokenPaths()).containsExactly("/api/oauth/token", "/oauth/token");
    assertThat(StandaloneOptions.parse("--client", "a:x").tokenPaths()).isEmpty();
    assertThatThrownBy(() -> StandaloneOptions.parse("--client", "a:x", "--token-path", "api/oauth/token"))
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
    assertThat(StandaloneOptions.HELP).startsWith(StandaloneOptions.USAGE)
        .contains("--port", "--client", "--token-lifetime", "--redirect-uri", "--auto-approve", "--role", "--help");
    assertThat(StandaloneOptions.USAGE).doesNotContain("\n");
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
  @CsvSource(delimiter = '|', value = {
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
    "--client a:x --auto-approve a --auto-approve b | --auto-approve is given twice",
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
