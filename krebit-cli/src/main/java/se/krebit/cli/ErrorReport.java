package se.krebit.cli;

import se.krebit.api.InvalidDocumentException;
import se.krebit.api.KrebitApiUnavailableException;
import se.krebit.api.KrebitForbiddenException;
import se.krebit.api.KrebitRateLimitedException;
import se.krebit.api.KrebitServerErrorException;
import se.krebit.api.KrebitUnauthorizedException;
import se.krebit.api.KrebitValidationException;
import se.krebit.auth.AuthorizationCallbackException;
import se.krebit.auth.AuthorizationCallbackException.AuthorizationError;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.KrebitException;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.ReauthorizationRequiredException;
import se.krebit.auth.TokenAcquisitionTimeoutException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.TokenStoreException;

/**
 * How the command line reports a failure: one line saying what went wrong and what to do (the
 * library's messages carry the Krebit guide's troubleshooting hint and the {@code request_id}; this
 * adds the command to run), and the exit code of its class. Library messages never hold a secret.
 *
 * @param exitCode the class of the failure
 * @param message one line
 */
record ErrorReport(ExitCode exitCode, String message) {
  private static final String UNREACHABLE =
      "Krebit is unreachable or failing: check the tenant and the network, then try again later.";

  /**
   * The report of {@code failure}, thrown by a command. A refresh token lost on the way out
   * outranks whatever failed before: it is the one the user must act on.
   */
  static ErrorReport of(Throwable failure) {
    ErrorReport report = classify(failure);
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof CliException lost
          && lost.exitCode() == ExitCode.REFRESH_TOKEN_NOT_STORED) {
        // a store failure is the lost token's story, told better by it; anything else is told first
        String lostMessage = String.valueOf(lost.getMessage());
        report =
            new ErrorReport(
                lost.exitCode(),
                failure instanceof TokenStoreException
                    ? lostMessage
                    : withHint(report.message, lostMessage));
      }
    }
    return report;
  }

  private static ErrorReport classify(Throwable failure) {
    String message =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    ErrorReport report;
    if (failure instanceof CliException e) {
      report = new ErrorReport(e.exitCode(), message);
    } else if (failure instanceof KrebitConfigurationException) {
      report = new ErrorReport(ExitCode.CONFIGURATION, message);
    } else if (failure instanceof ReauthorizationRequiredException e) {
      report =
          new ErrorReport(
              ExitCode.SIGN_IN_AGAIN,
              withHint(message, "Run: krebit login --subject " + e.subject()));
    } else if (failure instanceof InvalidGrantException) {
      report =
          new ErrorReport(ExitCode.SIGN_IN_AGAIN, withHint(message, "Run krebit login again."));
    } else if (failure instanceof OAuthErrorException
        || failure instanceof KrebitUnauthorizedException) {
      report = new ErrorReport(ExitCode.REFUSED, message);
    } else if (failure instanceof AuthorizationError e) {
      report =
          new ErrorReport(
              ExitCode.REFUSED,
              withHint(
                  message,
                  e.isAccessDenied()
                      ? "Run krebit login again to grant access."
                      : "Check the client id, and that the redirect URI is registered with your Krebit application."));
    } else if (failure instanceof AuthorizationCallbackException) {
      report = new ErrorReport(ExitCode.REFUSED, withHint(message, "Run krebit login again."));
    } else if (failure instanceof KrebitValidationException
        || failure instanceof InvalidDocumentException) {
      report = new ErrorReport(ExitCode.INVALID_REQUEST, message);
    } else if (failure instanceof KrebitForbiddenException) {
      report = new ErrorReport(ExitCode.FORBIDDEN, message);
    } else if (failure instanceof TokenEndpointUnavailableException
        || failure instanceof KrebitApiUnavailableException) {
      report = new ErrorReport(ExitCode.UNAVAILABLE, withHint(message, UNREACHABLE));
    } else if (failure instanceof TokenAcquisitionTimeoutException
        || failure instanceof KrebitServerErrorException
        || failure instanceof KrebitRateLimitedException) {
      report = new ErrorReport(ExitCode.UNAVAILABLE, message);
    } else if (failure instanceof TokenStoreException) {
      report =
          new ErrorReport(
              ExitCode.STORAGE,
              withHint(
                  message,
                  "Check the store directory (--store-dir) and its key (KREBIT_STORE_KEY or store-key.json)."));
    } else if (failure instanceof KrebitException) {
      report = new ErrorReport(ExitCode.OTHER, message);
    } else {
      // Not ours, so its message is not vouched for: it may quote a value or a server's bytes.
      // --verbose
      // prints the stack trace.
      report =
          new ErrorReport(
              ExitCode.OTHER,
              "unexpected "
                  + failure.getClass().getSimpleName()
                  + "; run with --verbose for the stack trace");
    }
    return new ErrorReport(report.exitCode, oneLine(report.message));
  }

  /** {@code message}, made a sentence, then {@code hint}. */
  private static String withHint(String message, String hint) {
    return message + (message.endsWith(".") ? " " : ". ") + hint;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
