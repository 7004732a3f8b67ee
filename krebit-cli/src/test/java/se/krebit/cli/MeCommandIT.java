package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/** {@code krebit me}: who Krebit says the token acts as, as a summary or as Krebit's JSON. */
class MeCommandIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();

  @TempDir Path home;

  @Test
  void summarisesTheAppIdentityOfAnEmbeddedFake() {
    Cli.Run run = new Cli(home).run("me", "--fake");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("Krebit at http://127\\.0\\.0\\.1:\\d+/ knows this token as:")
        .contains("  id:        app_krebit-cli", "  type:      app", "  client id: krebit-cli", "  roles:     reader");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsKrebitsJsonAsItCame(FakeKrebitServer server) {
    Cli.Run run = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET).run("me", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(
        "{\"id\":\"app_cli-test-client\",\"type\":\"app\",\"client_id\":\"cli-test-client\",\"roles\":[\"reader\"]}"
            + System.lineSeparator());
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }
}
