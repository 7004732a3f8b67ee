package se.krebit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code krebit} command: authenticate with Krebit Sign and call its API from a terminal, or
 * watch the library work against an embedded fake server with {@code krebit demo}.
 */
@Command(
    name = "krebit",
    mixinStandardHelpOptions = true,
    versionProvider = KrebitCli.Version.class,
    description = "Authenticate with Krebit Sign and call its API.",
    subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class KrebitCli {
  private KrebitCli() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new KrebitCli());
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KrebitCli.class.getPackage().getImplementationVersion();
      return new String[] {"krebit " + (version == null ? "(development build)" : version)};
    }
  }
}
