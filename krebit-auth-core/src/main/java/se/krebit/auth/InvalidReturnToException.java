package se.krebit.auth;

/**
 * A {@code returnTo} target was refused because following it could send the user to another site
 * (an open redirect): it is neither a plain relative path nor on an allow-listed origin.
 */
public final class InvalidReturnToException extends KrebitException {
  private static final long serialVersionUID = 1L;

  InvalidReturnToException() {
    super(
        "returnTo must be a relative path like /orders/7 or a URI on an allow-listed origin.",
        null,
        null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
