package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedTokenRequest;

/**
 * The token path from a shell, against a fake that serves only {@code /api/oauth/token}: found by
 * itself after one 404, or asked at once when set by flag, environment variable or config file.
 */
class TokenPathCommandIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder()
      .app(TestFake.CLIENT_ID, TestFake.SECRET, "reader")
      .tokenPaths("/api/oauth/token")
      .build();

  @TempDir Path home;

  @Test
  void withoutTheSettingTheOtherDocumentedPathIsFoundAfterOne404(FakeKrebitServer server) {
    Cli.Run run = cli(server).run("me");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("id:           app_" + TestFake.CLIENT_ID);
    assertThat(server.journal().tokenRequestCount()).as("the 404 at /oauth/token is no token request").isEqualTo(1);
    assertThat(server.wireMock().getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
        .contains("/oauth/token", "/api/oauth/token");
  }

  @Test
  void theFlagTheEnvironmentAndTheConfigFileSetIt(FakeKrebitServer server) throws Exception {
    Path config = Files.writeString(home.resolve("krebit.properties"), "krebit.token.path=/api/oauth/token\n");

    Cli.Run flag = cli(server).run("token", "--token-path", "/api/oauth/token");
    Cli.Run environment = cli(server).env(ConfigSources.TOKEN_PATH, "api/oauth/token").run("token");
    Cli.Run file = cli(server).run("token", "--config", config.toString());
    Cli.Run url = cli(server).run("token", "--token-url", server.baseUri() + "api/oauth/token");

    assertThat(List.of(flag, environment, file, url)).allSatisfy(run -> {
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).matches("[A-Za-z0-9_-]{43}\\R");
    });
    assertThat(server.wireMock().getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
        .as("never the default path").containsOnly("/api/oauth/token");
    assertThat(server.journal().tokenRequests()).extracting(RecordedTokenRequest::grantType)
        .containsOnly(Optional.of("client_credentials"));
  }

  @Test
  void aPinnedPathThatAnswers404IsAConfigurationErrorNamingTheSetting(FakeKrebitServer server) {
    Cli.Run run = cli(server).run("token", "--token-path", "/oauth/token");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(run.err()).contains("answered HTTP 404", "--token-path", "KREBIT_TOKEN_PATH");
  }

  @Test
  void aMalformedTokenPathOrBothSettingsAreConfigurationErrors(FakeKrebitServer server) {
    Cli.Run malformed = cli(server).run("token", "--token-path", "../token");
    Cli.Run both = cli(server).env(ConfigSources.TOKEN_URL, "https://sso.example/token").env(ConfigSources.TOKEN_PATH, "/x").run("token");
    Cli.Run flagWins = cli(server).env(ConfigSources.TOKEN_URL, "https://sso.example/token").run("token", "--token-path", "/api/oauth/token");

    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("KREBIT_TOKEN_PATH: tokenPath must be a path");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("KREBIT_TOKEN_PATH and KREBIT_TOKEN_URL are both set");
    assertThat(flagWins.exitCode()).as("a flag replaces the other spelling set elsewhere").isZero();
  }

  @Test
  void theEmbeddedFakeServesThePathAsked() {
    Cli.Run run = new Cli(home).run("me", "--fake", "--token-path", "/api/oauth/token");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("id:           app_krebit-cli");
  }

  private Cli cli(FakeKrebitServer server) {
    return new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET);
  }
}
