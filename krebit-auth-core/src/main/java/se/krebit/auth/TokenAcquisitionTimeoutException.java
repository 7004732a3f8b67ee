package se.krebit.auth;

import java.time.Duration;

/**
 * No valid token could be had within the configured bound ({@link RefreshPolicy#acquireTimeout()})
 * because a token request is still in flight, the waiting thread was interrupted, or (for an
 * asynchronous caller, which never makes the request on its own thread) the executor rejected the
 * request. Retryable.
 */
public final class TokenAcquisitionTimeoutException extends KrebitException {
  private static final long serialVersionUID = 1L;

  private TokenAcquisitionTimeoutException(
      String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, null, cause);
  }

  static TokenAcquisitionTimeoutException after(Duration waited) {
    return new TokenAcquisitionTimeoutException(
        "No access token within "
            + waited.toMillis()
            + " ms: the token endpoint is slow or unreachable.",
        null);
  }

  static TokenAcquisitionTimeoutException noThread() {
    return new TokenAcquisitionTimeoutException(
        "No access token: the token request executor has no thread or queue place left for the request;"
            + " give the source a larger TokenRequestPool.",
        null);
  }

  static TokenAcquisitionTimeoutException interrupted(InterruptedException cause) {
    return new TokenAcquisitionTimeoutException(
        "Interrupted while waiting for an access token.", cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
