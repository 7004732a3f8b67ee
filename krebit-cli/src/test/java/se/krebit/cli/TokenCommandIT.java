package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/** {@code krebit token}: the access token alone on standard output, ready for curl. */
class TokenCommandIT {
  private static final String TOKEN_LINE = "[A-Za-z0-9_-]{43}\\R";

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();

  @TempDir Path home;

  @Test
  void printsAnAppTokenOfAnEmbeddedFakeAndWritesNothingToDisk() {
    Cli.Run run = new Cli(home).run("token", "--fake");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches(TOKEN_LINE);
    assertThat(run.err()).isEmpty();
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void printsATokenTheApiAcceptsAsCurlWouldSendIt(FakeKrebitServer server) throws Exception {
    Cli.Run run = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET).run("token");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches(TOKEN_LINE);
    // curl -H "Authorization: Bearer $(krebit token)" …/api/1.0/me
    HttpResponse<String> me = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.apiBaseUri().resolve("me"))
            .header("Authorization", "Bearer " + run.out().strip())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"id\": \"app_" + TestFake.CLIENT_ID + "\"");
    assertThat(server.journal().lastTokenRequest().orElseThrow().contentType()).contains("application/json");
  }

  @Test
  void readsTheSecretFromAFileOrStandardInput(FakeKrebitServer server) throws Exception {
    Path secretFile = Files.writeString(home.resolve("secret"), TestFake.SECRET + "\n");
    Cli cli = new Cli(home)
        .env(ConfigSources.TENANT, server.baseUri().toString())
        .env(ConfigSources.CLIENT_ID, TestFake.CLIENT_ID);

    assertThat(cli.run("token", "--client-secret-file", secretFile.toString()).out()).matches(TOKEN_LINE);
    assertThat(cli.stdin(TestFake.SECRET + "\n").run("token", "--client-secret-stdin").out()).matches(TOKEN_LINE);
    assertThat(cli.env(ConfigSources.CLIENT_SECRET_FILE, secretFile.toString()).run("token").out()).matches(TOKEN_LINE);
  }

  @Test
  void takesTenantAndClientFromFlagsOverTheConfigFile(FakeKrebitServer server) throws Exception {
    Path config = Files.writeString(home.resolve("krebit.properties"),
        "krebit.tenant=http://127.0.0.1:1/\nkrebit.client.id=someone-else\n");
    Cli.Run run = new Cli(home).env(ConfigSources.CLIENT_SECRET, TestFake.SECRET).run("token",
        "--config", config.toString(), "--tenant", server.baseUri().toString(), "--client-id", TestFake.CLIENT_ID);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(server.journal().lastTokenRequest().orElseThrow().clientId()).contains(TestFake.CLIENT_ID);
  }

  @Test
  void usesTheTenantsBaseUrlAsGiven(FakeKrebitServer server) {
    URI base = server.baseUri();

    Cli.Run run = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET)
        .run("token", "--tenant", "http://" + base.getAuthority());

    assertThat(run.exitCode()).as(run.err()).isZero();
  }
}
