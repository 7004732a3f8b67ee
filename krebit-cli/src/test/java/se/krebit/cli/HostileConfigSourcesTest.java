package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigSources an attacker, a stray paste or a broken script could hand the command line: each ends it
 * with a configuration error (exit 2) that names the setting, never with an unexpected exception,
 * and nothing of the value reaches the terminal (issues 15.5, 15.6 and 14.4).
 */
class HostileConfigSourcesTest {
  private static final String SECRET = "sk_live_PLANTED_5b7c1d";

  @TempDir Path home;

  @Test
  void aNulInTheConfiguredStoreDirectoryIsAConfigurationError() throws IOException {
    config("krebit.tenant=acme\nkrebit.client.id=app\nkrebit.store.dir=\\u0000x\n");

    Cli.Run run = new Cli(home).run("logout", "--subject", "alice");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("krebit logout: KREBIT_STORE_DIR is not a valid path on this system" + System.lineSeparator());
  }

  @Test
  void aFlagValueThatIsNoPathIsAUsageErrorThatDoesNotShowIt() {
    Cli.Run run = new Cli(home).run("logout", "--subject", "alice", "--store-dir", SECRET + "\u0000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option --store-dir (the value is not shown").doesNotContain("PLANTED");
  }

  @Test
  void aSecretOnALineOfItsOwnInTheConfigFileIsNotPrinted() throws IOException {
    config("krebit.tenant=acme\n" + SECRET + "\n");

    Cli.Run run = new Cli(home).run("logout", "--subject", "alice");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.all()).contains("sets an unknown key on line 2").doesNotContain("PLANTED");
  }

  @Test
  void aSecretInTheWrongSettingIsNotPrinted() {
    Cli cli = new Cli(home).env(ConfigSources.TENANT, "x".repeat(120) + SECRET).env(ConfigSources.CLIENT_ID, "app");

    Cli.Run run = cli.run("logout", "--subject", "alice");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.all()).startsWith("krebit logout: ").contains("KREBIT_TENANT: ").doesNotContain("PLANTED").doesNotContain("xxxxxxxx");
  }

  private void config(String text) throws IOException {
    Files.createDirectories(home.resolve(".krebit"));
    Files.writeString(home.resolve(".krebit/config.properties"), text);
  }
}
