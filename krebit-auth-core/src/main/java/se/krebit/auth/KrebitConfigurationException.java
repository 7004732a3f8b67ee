package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * A configuration value is missing or malformed. The message names the setting and what a valid
 * value looks like; it never repeats a secret's value.
 */
public final class KrebitConfigurationException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which setting is wrong and what is expected
   */
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

  /**
   * A setting that a server's answer showed to be wrong, such as a token endpoint path that answers
   * 404.
   *
   * @param message which setting is wrong and what is expected
   * @param requestId the {@code request_id} of that answer, if it had one
   * @param cause the underlying failure, if any; its message must not carry a secret
   */
  public KrebitConfigurationException(
      String message, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, requestId, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
