package se.krebit.testkit;

import java.time.Duration;
import java.util.Optional;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * {@code authorization_code}: redeems a code (with its {@code redirect_uri} and, for PKCE, its
 * {@code code_verifier}) for an access token and the first refresh token of a new token family.
 */
record AuthorizationCodeGrantHandler(
    AuthorizationCodes codes, TokenFamilies families, TokenRegistry tokens, Duration lifetime)
    implements GrantHandler {
  @Override
  public String grantType() {
    return "authorization_code";
  }

  @Override
  public GrantResult exchange(TokenRequestParams request, RegisteredApp client) {
    String code =
        request
            .get("code")
            .orElseThrow(
                () -> OAuthError.invalidRequest("The code parameter is missing").problem());
    String redirectUri =
        request
            .get("redirect_uri")
            .orElseThrow(
                () ->
                    OAuthError.invalidRequest(
                            "The redirect_uri parameter is missing: send the one of the authorization request")
                        .problem());
    request.get("code_verifier").ifPresent(PlantedSecrets::plant);
    IssuedCode issued =
        codes.redeem(code, client.clientId(), redirectUri, request.get("code_verifier"));
    UserPrincipal principal = issued.principal();
    String refreshToken = families.start(principal);
    return new GrantResult(
        tokens.issue(principal, lifetime),
        lifetime.toSeconds(),
        Optional.of(refreshToken),
        principal.scope());
  }
}
