package se.krebit.testkit;

import java.util.Optional;
import se.krebit.testkit.TokenRequestParams.BasicCredentials;

/**
 * Authenticates the client of a token request (RFC 6749 §2.3.1): by HTTP Basic, or by {@code
 * client_id} and {@code client_secret} in the body as the Krebit guide shows; never both.
 */
final class ClientAuthenticator {
  private static final String FAILED =
      "Client authentication failed: check that the client_id, the client_secret and the tenant"
          + " belong together";

  private final AppRegistry apps;

  ClientAuthenticator(AppRegistry apps) {
    this.apps = apps;
  }

  /**
   * @throws OAuthProblem {@code invalid_client} (401), or {@code invalid_request} for mixed methods
   */
  RegisteredApp authenticate(TokenRequestParams request) {
    Optional<BasicCredentials> basic = request.basic();
    if (basic.isPresent()) {
      return authenticateBasic(basic.get(), request);
    }
    String clientId =
        request
            .get("client_id")
            .orElseThrow(
                () -> missing("No client authentication: send client_id and client_secret"));
    String secret =
        request
            .get("client_secret")
            .orElseThrow(() -> missing("No client authentication: client_secret is missing"));
    return apps.authenticate(clientId, secret)
        .orElseThrow(() -> OAuthError.invalidClient(FAILED).problem());
  }

  private RegisteredApp authenticateBasic(BasicCredentials basic, TokenRequestParams request) {
    if (request.get("client_secret").isPresent()) {
      throw OAuthError.invalidRequest(
              "Use one client authentication method: Basic or client_secret in the body, not both")
          .problem();
    }
    if (request.get("client_id").filter(id -> !id.equals(basic.clientId())).isPresent()) {
      throw OAuthError.invalidRequest("The client_id in the body differs from the Basic one")
          .problem();
    }
    return apps.authenticate(basic.clientId(), basic.secret())
        .orElseThrow(() -> OAuthError.invalidClient(FAILED).problem());
  }

  private static OAuthProblem missing(String description) {
    return OAuthError.invalidClient(description).problem();
  }
}
