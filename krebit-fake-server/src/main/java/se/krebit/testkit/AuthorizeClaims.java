package se.krebit.testkit;

import java.util.Optional;

/**
 * What an authorize request said about itself, checked or not, for the journal and the log: never
 * the state itself, nor the challenge.
 */
record AuthorizeClaims(
    Optional<String> clientId,
    Optional<String> redirectUri,
    boolean statePresent,
    Optional<String> codeChallengeMethod,
    Optional<String> scope) {
  static final AuthorizeClaims NONE =
      new AuthorizeClaims(
          Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());

  /** The claims of a request as sent. */
  static AuthorizeClaims of(UrlParameters query) {
    return new AuthorizeClaims(
        query.first("client_id"),
        query.first("redirect_uri"),
        query.firstRaw("state").isPresent(),
        query.first("code_challenge_method"),
        query.first("scope"));
  }

  /** The claims of a request that passed its checks. */
  static AuthorizeClaims of(AuthorizeRequest request) {
    return new AuthorizeClaims(
        Optional.of(request.client().clientId()),
        Optional.of(request.redirectUri()),
        request.rawState().isPresent(),
        request.codeChallenge().map(c -> Pkce.S256),
        Scopes.format(request.scope()));
  }
}
