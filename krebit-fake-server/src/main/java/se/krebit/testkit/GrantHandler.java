package se.krebit.testkit;

/**
 * Exchanges one kind of grant for tokens, once the client is authenticated. The token endpoint
 * picks the handler by {@code grant_type}; adding a grant means adding a handler.
 */
interface GrantHandler {
  /** The {@code grant_type} value this handler serves, for example {@code client_credentials}. */
  String grantType();

  /**
   * @throws OAuthProblem when the grant is refused, for example {@code invalid_grant}
   */
  GrantResult exchange(TokenRequestParams request, RegisteredApp client);
}
