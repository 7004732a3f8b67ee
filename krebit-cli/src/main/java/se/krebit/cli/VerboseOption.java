package se.krebit.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: the library's debug log and the causes of a failure, never a secret. */
final class VerboseOption {
  @Option(
      names = {"-v", "--verbose"},
      description =
          "Log what the library does (at debug level, with request_id, never a secret or token) and"
              + " show a failure's causes and stack trace.")
  boolean verbose;
}
