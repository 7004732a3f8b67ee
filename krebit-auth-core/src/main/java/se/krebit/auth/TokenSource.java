package se.krebit.auth;

/**
 * Where API calls get their bearer token: {@link #token()} returns a currently valid access token,
 * obtaining or refreshing one as needed.
 *
 * <p>Implementations are thread-safe. The library's own sources answer a cached {@code token()}
 * without locking, allocating or reading the clock, and let at most one token request per source
 * be in flight.
 *
 * <pre>{@code
 * String header = tokens.token().authorizationHeader();   // "Bearer eyJ…"
 * // … the API answers 401 for that token:
 * tokens.invalidate(rejected);                             // the next token() fetches a new one
 * }</pre>
 */
public interface TokenSource {
  /**
   * A token that is valid now.
   *
   * @throws KrebitException if none can be had: an {@link OAuthErrorException} when the server
   *     refuses, a retryable {@link TokenEndpointUnavailableException} or
   *     {@link TokenAcquisitionTimeoutException} when it can't be reached in time
   */
  AccessToken token();

  /**
   * Reports that the API refused {@code rejected} (HTTP 401). If it is still the cached token, it
   * is dropped and the next {@link #token()} obtains a new one; if it was already replaced, nothing
   * happens, so many threads reporting one rejected token cause one new token request.
   */
  void invalidate(AccessToken rejected);
}
