package se.krebit.auth;

/**
 * A configuration value is missing or malformed. The message names the setting and what a valid
 * value looks like; it never repeats a secret's value.
 */
public final class KrebitConfigurationException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /** @param message which setting is wrong and what is expected */
  public KrebitConfigurationException(String message) {
    super(message, null, null);
  }

  /**
   * @param message which setting is wrong and what is expected
   * @param cause the underlying failure; its message must not carry a secret
   */
  public KrebitConfigurationException(String message, Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
