package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;

/**
 * The token endpoint's answer to one request, with what the journal and the log need to know.
 *
 * @param request the request as parsed, if it could be
 * @param error the OAuth error answered, if any
 * @param token the access token issued, if any
 * @param refreshTokenFingerprint the fingerprint of the refresh token answered, if any
 * @param subject the user and token family the grant concerned, if it got that far
 */
record TokenExchange(
    ResponseDefinition response,
    Optional<TokenRequestParams> request,
    Optional<String> error,
    Optional<IssuedToken> token,
    Optional<String> refreshTokenFingerprint,
    Optional<UserPrincipal> subject) {
  static TokenExchange refused(
      ResponseDefinition response,
      Optional<TokenRequestParams> request,
      String error,
      Optional<UserPrincipal> subject) {
    return new TokenExchange(
        response, request, Optional.of(error), Optional.empty(), Optional.empty(), subject);
  }

  static TokenExchange granted(
      ResponseDefinition response, TokenRequestParams request, GrantResult result) {
    IssuedToken token = result.accessToken().token();
    Optional<UserPrincipal> subject =
        token.principal() instanceof UserPrincipal user ? Optional.of(user) : Optional.empty();
    return new TokenExchange(
        response,
        Optional.of(request),
        Optional.empty(),
        Optional.of(token),
        result.refreshTokenFingerprint(),
        subject);
  }
}
