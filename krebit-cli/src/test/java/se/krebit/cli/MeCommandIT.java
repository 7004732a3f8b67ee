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
        .contains(
            "  id:           app_krebit-cli",
            "  name:         krebit-cli",
            "  email:        (none)",
            "  organization: YourCo (4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5)",
            "  roles:        reader");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsKrebitsJsonAsItCame(FakeKrebitServer server) {
    Cli.Run run =
        new Cli(home)
            .configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET)
            .run("me", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "{\n\"data\": {\n\"id\": \"app_cli-test-client\",\n\"name\": \"cli-test-client\",\n"
                + "\"organization\": {\n\"id\": \"4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5\",\n\"name\": \"YourCo\"\n},\n"
                + "\"roles\": [\"reader\"]\n}\n}"
                + System.lineSeparator());
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }
}
