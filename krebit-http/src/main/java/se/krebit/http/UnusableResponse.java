package se.krebit.http;

/**
 * Signal from a body reader that a response body cannot be used, with a reason that names what is
 * wrong and never quotes the body. The module that reads the body turns it into the public error
 * type that fits. Carries no stack trace: it is never thrown to users.
 */
public final class UnusableResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is wrong, for example {@code "expires_in is missing"}; never body content
   */
  public UnusableResponse(String reason) {
    super(reason, null, false, false);
  }

  /** What is wrong, for example {@code "expires_in is missing"}. */
  public String reason() {
    return getMessage();
  }
}
