package se.krebit.auth.spi;

import se.krebit.auth.ClientCredentials;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.TokenEndpointUnavailableException;

/**
 * The authorization server's token endpoint: one exchange of a grant for tokens. Implementations
 * own the transport (retries, timeouts, TLS); flows own caching and storage.
 *
 * <p>Implementations are thread-safe and never log the client secret, the grant's credentials or
 * the tokens they receive.
 */
public interface TokenEndpoint {
  /**
   * Exchanges {@code grant}, authenticated as {@code client}, for tokens.
   *
   * @return the validated response
   * @throws OAuthErrorException if the server refused the request with an OAuth error
   * @throws TokenEndpointUnavailableException if the server could not be reached or failed
   *     transiently
   * @throws InvalidTokenResponseException if the server's answer is not a usable token response
   */
  TokenResponse exchange(ClientCredentials client, Grant grant);
}
