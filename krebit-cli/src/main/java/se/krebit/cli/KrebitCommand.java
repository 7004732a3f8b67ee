package se.krebit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code krebit} subcommand has: {@code --verbose}, its output streams and the
 * environment it runs in.
 */
abstract class KrebitCommand implements Callable<Integer> {
  /**
   * slf4j-simple reads this when the first logger is made: after the arguments are parsed, before
   * the library runs.
   */
  private static final String LIBRARY_LOG_LEVEL = "org.slf4j.simpleLogger.log.se.krebit";

  @Spec CommandSpec spec;
  @Mixin VerboseOption verboseOption;

  @Override
  public final Integer call() throws Exception {
    if (verbose()) {
      System.setProperty(LIBRARY_LOG_LEVEL, "debug");
    }
    run();
    out().flush();
    return ExitCode.OK.code();
  }

  /**
   * Does the command's work; a failure ends it with the exit code of its class (see {@link
   * ErrorReport}).
   */
  abstract void run() throws Exception;

  final boolean verbose() {
    return verboseOption.verbose;
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * The root command's environment, however deep this subcommand sits ({@code krebit signings
   * create}, {@code krebit webhooks listen}).
   */
  final CliEnvironment environment() {
    return ((KrebitCli) spec.root().userObject()).environment();
  }
}
