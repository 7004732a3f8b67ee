package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's {@code --help} renders and documents each of its options and the exit codes. */
class CliHelpTest {
  @TempDir Path home;

  static Stream<Arguments> commands() {
    return Stream.of(
            "demo",
            "token",
            "me",
            "login",
            "logout",
            "webhooks",
            "webhooks listen",
            "webhooks verify")
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEachCommandNamesEveryOptionAndTheExitCodes(String command) {
    Cli.Run help = new Cli(home).run(withArgs(command, "--help"));

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: krebit " + command);
    CommandLine subcommand = KrebitCli.commandLine();
    for (String name : command.split(" ")) {
      subcommand = subcommand.getSubcommands().get(name);
    }
    for (OptionSpec option : subcommand.getCommandSpec().options()) {
      assertThat(help.out()).contains(option.longestName());
      assertThat(option.description()).as("description of %s", option.longestName()).isNotEmpty();
    }
    for (ExitCode exit : ExitCode.values()) {
      assertThat(help.out())
          .containsPattern("(?m)^\\s+" + exit.code() + "\\s+" + exit.meaning().split(" ")[0]);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpCommandShowsTheSameHelp(String command) {
    int last = command.lastIndexOf(' ');
    String help =
        last < 0
            ? "help " + command
            : command.substring(0, last) + " help" + command.substring(last);
    assertThat(new Cli(home).run(withArgs(help)).out())
        .isEqualTo(new Cli(home).run(withArgs(command, "--help")).out());
  }

  /** {@code first} split at spaces, then {@code more}: the arguments of a command line. */
  private static String[] withArgs(String first, String... more) {
    return Stream.concat(Stream.of(first.split(" ")), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void topLevelHelpListsTheCommandsTheConfigurationAndTheExitCodes() {
    Cli.Run help = new Cli(home).run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("demo", "token", "me", "login", "logout", "webhooks")
        .contains(
            "Configuration:", "KREBIT_TENANT", "KREBIT_CLIENT_SECRET", "--client-secret-stdin")
        .contains("Exit codes:");
  }

  @Test
  void theReadmeListsTheExitCodesAsTheHelpDoes() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (ExitCode exit : ExitCode.values()) {
      assertThat(readme).contains("| " + exit.code() + " | " + exit.meaning() + " |");
    }
  }

  @Test
  void subcommandOptionsMatchWhatEachCommandNeeds() {
    assertThat(longNames("demo")).containsExactlyInAnyOrder("--verbose", "--help", "--version");
    assertThat(longNames("token"))
        .contains(
            "--tenant",
            "--client-id",
            "--client-secret-file",
            "--client-secret-stdin",
            "--config",
            "--store-dir",
            "--fake",
            "--subject",
            "--verbose");
    assertThat(longNames("me")).contains("--json", "--subject", "--fake");
    assertThat(longNames("login"))
        .contains("--port", "--timeout", "--no-browser", "--subject", "--fake");
    assertThat(longNames("logout"))
        .contains("--subject", "--store-dir")
        .doesNotContain("--client-secret-file");
    assertThat(KrebitCli.commandLine().getSubcommands().get("webhooks").getSubcommands().keySet())
        .containsExactlyInAnyOrder("listen", "verify", "help");
  }

  @Test
  void noOptionTakesTheClientSecretAsItsValue() {
    Cli.Run run = new Cli(home).run("token", "--client-secret", "s3cret-value");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(run.err())
        .contains("Unknown option: --client-secret (and 1 more argument, not shown)")
        .doesNotContain("s3cret-value");
    assertThat(new Cli(home).run("token", "--client-secret=s3cret-value").err())
        .contains("Unknown option: --client-secret")
        .doesNotContain("s3cret-value");
  }

  @Test
  void krebitWithoutACommandSaysWhatIsMissing() {
    Cli.Run run = new Cli(home).run();

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(run.err()).contains("Missing command").contains("Usage: krebit");
  }

  private static List<String> longNames(String command) {
    return KrebitCli.commandLine().getSubcommands().get(command).getCommandSpec().options().stream()
        .map(OptionSpec::longestName)
        .toList();
  }
}
