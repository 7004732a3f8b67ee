package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * A token store or state repository could not be read or written: the database or Vault is down,
 * refused access, or holds a record that fails to decrypt. Retryable unless the cause says the data
 * itself is bad.
 */
public final class TokenStoreException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /**
   * Whether trying again may succeed: true for an outage, false for a record that is bad itself.
   */
  private final boolean retryable;

  /**
   * @param message what failed, naming the store and never a token
   * @param retryable whether trying again may succeed (an outage) or not (a corrupt record)
   * @param cause the underlying failure, if any; its message must not carry a token
   */
  public TokenStoreException(String message, boolean retryable, @Nullable Throwable cause) {
    super(message, null, cause);
    this.retryable = retryable;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
