package se.krebit.auth;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked base of every error Krebit Auth raises. Subclasses name the failure; all carry
 * the server's {@code request_id} when one was seen, and say whether trying again may help.
 *
 * <p>Messages never contain a secret, a token or an authorization code: they say what to check.
 */
public abstract class KrebitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The server's {@code request_id}; null when no response carried one. */
  private final @Nullable String requestId;

  /**
   * For subclasses: the message gets the {@code request_id} appended, so that a logged error can be
   * quoted to Krebit support as it is.
   *
   * @param message what failed and what to check; never a secret, token or code
   * @param requestId the server's {@code request_id}, if one was seen
   * @param cause the underlying failure, if any
   */
  protected KrebitException(String message, @Nullable String requestId, @Nullable Throwable cause) {
    super(withRequestId(message, requestId), cause);
    this.requestId = requestId;
  }

  /**
   * The {@code request_id} header of the response that caused this error, to quote to Krebit
   * support.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Whether the same call may succeed later without any change on the caller's side. */
  public abstract boolean isRetryable();

  private static String withRequestId(String message, @Nullable String requestId) {
    return requestId == null ? message : message + " (request_id " + requestId + ")";
  }
}
