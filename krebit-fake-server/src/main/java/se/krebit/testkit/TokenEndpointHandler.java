package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code POST /oauth/token}: reads the request, authenticates the client, and hands the grant to
 * the {@link GrantHandler} for its {@code grant_type}. Errors follow RFC 6749 §5.2, checked in this
 * order: malformed request (400), missing {@code grant_type} (400), client authentication (401),
 * unknown {@code grant_type} (400), then whatever the grant handler refuses.
 */
final class TokenEndpointHandler {
  private final ClientAuthenticator authenticator;
  private final Map<String, GrantHandler> grants = new TreeMap<>();

  TokenEndpointHandler(ClientAuthenticator authenticator, List<GrantHandler> grants) {
    this.authenticator = authenticator;
    grants.forEach(g -> this.grants.put(g.grantType(), g));
  }

  TokenExchange handle(Request request) {
    if (!RequestMethod.POST.equals(request.getMethod())) {
      OAuthError error =
          new OAuthError(405, "invalid_request", "The token endpoint takes POST only");
      return TokenExchange.refused(
          ResponseDefinitionBuilder.like(Responses.oauthError(error))
              .but()
              .withHeader("Allow", "POST")
              .build(),
          Optional.empty(),
          error.error(),
          Optional.empty());
    }
    Optional<TokenRequestParams> parsed = Optional.empty();
    try {
      TokenRequestParams params = TokenRequestParser.parse(request);
      parsed = Optional.of(params);
      GrantResult result = exchange(params);
      return TokenExchange.granted(
          Responses.noStore(Responses.json(200, result.body())).build(), params, result);
    } catch (OAuthProblem problem) {
      OAuthError error = problem.error();
      return TokenExchange.refused(
          Responses.oauthError(error), parsed, error.error(), problem.subject());
    }
  }

  private GrantResult exchange(TokenRequestParams params) {
    String grantType =
        params
            .grantType()
            .orElseThrow(
                () -> OAuthError.invalidRequest("The grant_type parameter is missing").problem());
    RegisteredApp client = authenticator.authenticate(params);
    GrantHandler handler = grants.get(grantType);
    if (handler == null) {
      throw OAuthError.unsupportedGrantType(
              "The grant_type '"
                  + grantType
                  + "' is not supported; this server takes "
                  + grants.keySet())
          .problem();
    }
    return handler.exchange(params, client);
  }
}
