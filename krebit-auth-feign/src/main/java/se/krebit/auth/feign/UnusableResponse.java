package se.krebit.auth.feign;

/**
 * Internal signal that a response body cannot be used, with a reason that names what is wrong and
 * never quotes the body. {@link TokenResponseReader} turns it into the public error type that fits
 * the status. Carries no stack trace: it never leaves this package.
 */
final class UnusableResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnusableResponse(String reason) {
    super(reason, null, false, false);
  }

  /** What is wrong, for example {@code "expires_in is missing"}. */
  String reason() {
    return getMessage();
  }
}
