package se.krebit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code krebit} command: authenticate with Krebit Sign and call its API from a terminal, or
 * watch the library work against an embedded fake server with {@code krebit demo}.
 */
@Command(
    name = "krebit",
    mixinStandardHelpOptions = true,
    versionProvider = KrebitCli.Version.class,
    description = "Authenticate with Krebit Sign and call its API.",
    subcommands = {
      DemoCommand.class,
      TokenCommand.class,
      MeCommand.class,
      SigningsCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      WebhooksCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "Flags win over environment variables, which win over the config file (~/.krebit/config.properties, or"
          + " --config FILE, or KREBIT_CONFIG). The tenant: --tenant, KREBIT_TENANT, krebit.tenant. The client id:"
          + " --client-id, KREBIT_CLIENT_ID, krebit.client.id.",
      "The client secret never comes from a flag's value or the config file: --client-secret-stdin,"
          + " --client-secret-file FILE, KREBIT_CLIENT_SECRET, or a file named by KREBIT_CLIENT_SECRET_FILE or"
          + " krebit.client.secret.file.",
      "Signed-in users' tokens are kept in an encrypted H2 database in ~/.krebit (or --store-dir, KREBIT_STORE_DIR,"
          + " krebit.store.dir), under the key in KREBIT_STORE_KEY or in store-key.json there.",
      "Errors are one line with Krebit's troubleshooting hint and request_id; --verbose adds the library's debug"
          + " log and the causes. No secret is ever printed, except the token that krebit token is asked for."
    })
public final class KrebitCli implements Callable<Integer> {
  private final CliEnvironment environment;

  @Spec CommandSpec spec;

  private KrebitCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line on this process's environment, for embedding. */
  public static CommandLine commandLine() {
    return commandLine(CliEnvironment.system());
  }

  /** The command line on {@code environment}: what tests run. */
  static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cli = new CommandLine(new KrebitCli(environment));
    listExitCodes(cli);
    cli.setExecutionExceptionHandler((failure, command, parseResult) -> report(failure, command));
    cli.setParameterExceptionHandler(KrebitCli::reportUsage);
    return cli;
  }

  CliEnvironment environment() {
    return environment;
  }

  /** {@code krebit} alone: say that a command is missing, with the usage. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: krebit demo, token, me, signings, login, logout or webhooks");
  }

  private static void listExitCodes(CommandLine command) {
    command
        .getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpList());
    command.getSubcommands().values().forEach(KrebitCli::listExitCodes);
  }

  private static int report(Exception failure, CommandLine command) {
    ErrorReport report = ErrorReport.of(failure);
    PrintWriter err = command.getErr();
    // library messages quote servers (sanitized there too); a terminal must never get their escapes
    err.println(
        command.getCommandSpec().qualifiedName() + ": " + TerminalText.line(report.message()));
    if (command.getCommand() instanceof KrebitCommand krebit && krebit.verbose()) {
      failure.printStackTrace(err);
    }
    err.flush();
    return report.exitCode().code();
  }

  /**
   * A usage error: the message, suggestions and usage, as picocli prints them, except that unknown
   * arguments are named by their option name alone, since a value typed after a mistyped option
   * (such as {@code --client-secret s3cret}) may be a secret, and a value an option could not take
   * is not shown.
   */
  private static int reportUsage(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    String message = failure.getMessage();
    if (failure.getArgSpec() != null
        && failure.getValue() != null
        && !failure.getValue().isEmpty()) {
      // A value picocli could not take (a path with a NUL, say): name the option, not the value.
      message =
          "Invalid value for "
              + name(failure.getArgSpec())
              + " (the value is not shown: it may be a secret)";
    } else if (failure instanceof UnmatchedArgumentException unmatched) {
      List<String> options =
          unmatched.getUnmatched().stream()
              .filter(arg -> arg.startsWith("-"))
              .map(arg -> arg.split("=", 2)[0])
              .toList();
      int others = unmatched.getUnmatched().size() - options.size();
      message =
          (options.isEmpty()
                  ? "Unknown arguments"
                  : "Unknown option: " + String.join(", ", options))
              + (others == 0
                  ? ""
                  : " (and "
                      + others
                      + " more argument"
                      + (others == 1 ? "" : "s")
                      + ", not shown)");
    }
    err.println(command.getCommandSpec().qualifiedName() + ": " + message);
    UnmatchedArgumentException.printSuggestions(failure, err);
    err.print(command.getUsageMessage(command.getColorScheme()));
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec option
        ? "option " + option.longestName()
        : "parameter " + arg.paramLabel();
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
