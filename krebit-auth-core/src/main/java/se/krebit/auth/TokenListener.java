package se.krebit.auth;

import java.time.Duration;

/**
 * Hears what token sources and flows do, for metrics and tracing: each token request with its
 * outcome and duration, and each time a caller had to wait for one (a cache miss). Never called on
 * the cached hot path, so a listener costs nothing while tokens are fresh.
 *
 * <p>Implementations must be thread-safe, fast and must not throw; an exception is logged and
 * ignored. Events carry no token values. The Micrometer adapter lives in {@code krebit-micrometer}.
 */
public interface TokenListener {
  /** Hears nothing. */
  TokenListener NONE = new TokenListener() {};

  /** A token request finished, well or not. */
  default void tokenRequested(TokenRequestEvent event) {}

  /**
   * A caller found no usable token and waited for a token request, as long as {@code waited}.
   *
   * @param grantType the grant of the source the caller asked: {@code client_credentials} or {@code
   *     refresh_token}
   */
  default void callerWaited(String grantType, Duration waited) {}
}
