package se.krebit.testkit;

import java.util.List;
import java.util.Optional;

/**
 * Checks an authorize request in the order RFC 6749 §4.1.2.1 makes safe: first the client and its
 * redirect URI, whose problems go on an error page (a redirect to an unchecked URI would be an open
 * redirect); then everything else, whose problems go back to that redirect URI with the request's
 * {@code state}.
 */
final class AuthorizeRequestReader {
  private static final List<String> SINGLE_VALUED =
      List.of(
          "response_type",
          "state",
          "scope",
          "code_challenge",
          "code_challenge_method",
          "login_hint");

  private final AppRegistry apps;

  AuthorizeRequestReader(AppRegistry apps) {
    this.apps = apps;
  }

  /**
   * @throws AuthorizeProblem saying what is wrong, and where to say it
   */
  AuthorizeRequest read(UrlParameters query) {
    RegisteredApp client = client(query);
    String redirectUri = redirectUri(query, client);
    Optional<String> state = query.firstRaw("state");
    for (String name : SINGLE_VALUED) {
      if (query.isRepeated(name)) {
        throw back(
            "invalid_request", "The parameter '" + name + "' is repeated", redirectUri, state);
      }
    }
    String responseType =
        query
            .first("response_type")
            .orElseThrow(
                () ->
                    back(
                        "invalid_request",
                        "The response_type parameter is missing",
                        redirectUri,
                        state));
    if (!responseType.equals("code")) {
      throw back(
          "unsupported_response_type",
          "The response_type must be 'code': this server supports the authorization-code flow only",
          redirectUri,
          state);
    }
    Optional<String> challenge = challenge(query, redirectUri, state);
    List<String> scope;
    try {
      scope = query.first("scope").map(Scopes::parse).orElse(List.of());
    } catch (IllegalArgumentException e) {
      throw back("invalid_scope", e.getMessage(), redirectUri, state);
    }
    return new AuthorizeRequest(
        client, redirectUri, state, challenge, scope, query.first("login_hint"));
  }

  private RegisteredApp client(UrlParameters query) {
    if (query.isRepeated("client_id")) {
      throw AuthorizeProblem.page("invalid_request", "The client_id parameter is repeated");
    }
    String clientId =
        query
            .first("client_id")
            .orElseThrow(
                () ->
                    AuthorizeProblem.page("invalid_request", "The client_id parameter is missing"));
    return apps.find(clientId)
        .orElseThrow(
            () ->
                AuthorizeProblem.page(
                    "invalid_client",
                    "No application is registered as '" + TokenRoute.printable(clientId) + "'"));
  }

  private static String redirectUri(UrlParameters query, RegisteredApp client) {
    if (query.isRepeated("redirect_uri")) {
      throw AuthorizeProblem.page("invalid_request", "The redirect_uri parameter is repeated");
    }
    String redirectUri =
        query
            .first("redirect_uri")
            .orElseThrow(
                () ->
                    AuthorizeProblem.page(
                        "invalid_request", "The redirect_uri parameter is missing"));
    if (!client.redirectUris().contains(redirectUri)) {
      throw AuthorizeProblem.page(
          "invalid_request",
          "The redirect_uri '"
              + TokenRoute.printable(redirectUri)
              + "' is not registered for client '"
              + client.clientId()
              + "' (it must match one exactly)");
    }
    return redirectUri;
  }

  /**
   * The S256 challenge, if PKCE is used; RFC 7636 §4.4.1: {@code invalid_request} for other
   * methods.
   */
  private static Optional<String> challenge(
      UrlParameters query, String redirectUri, Optional<String> state) {
    Optional<String> challenge = query.first("code_challenge");
    Optional<String> method = query.first("code_challenge_method");
    if (challenge.isEmpty()) {
      if (method.isPresent()) {
        throw back(
            "invalid_request",
            "A code_challenge_method was sent without a code_challenge",
            redirectUri,
            state);
      }
      return Optional.empty();
    }
    if (method.isEmpty() || !method.get().equals(Pkce.S256)) {
      throw back(
          "invalid_request",
          "This server supports only code_challenge_method=S256, not "
              + method.map(m -> "'" + TokenRoute.printable(m) + "'").orElse("the default, plain"),
          redirectUri,
          state);
    }
    if (!Pkce.isS256Challenge(challenge.get())) {
      throw back(
          "invalid_request",
          "The code_challenge is not a base64url SHA-256 digest (43 characters)",
          redirectUri,
          state);
    }
    return challenge;
  }

  private static AuthorizeProblem back(
      String error, String description, String redirectUri, Optional<String> state) {
    return AuthorizeProblem.redirect(error, description, redirectUri, state);
  }
}
