package se.krebit.cli;

import org.jspecify.annotations.Nullable;

/**
 * A failure the command line itself detects, with the exit code it ends with and a message saying
 * what to do.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  CliException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  CliException(ExitCode exitCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  ExitCode exitCode() {
    return exitCode;
  }
}
