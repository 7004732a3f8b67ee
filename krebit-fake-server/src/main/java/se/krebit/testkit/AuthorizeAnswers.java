package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.krebit.auth.Fingerprint;

/**
 * Turns what the authorization endpoint decided into responses: a redirect carrying a new code or
 * an error, the consent page, or an error page. A redirect's {@code state} is the request's, byte
 * for byte as it was encoded.
 */
final class AuthorizeAnswers {
  private final AuthorizationCodes codes;

  AuthorizeAnswers(AuthorizationCodes codes) {
    this.codes = codes;
  }

  /**
   * The redirect for {@code decision}; {@code status} 302 for the authorize request, 303 after the
   * form.
   */
  Answer decided(AuthorizeRequest request, ConsentDecision decision, int status) {
    if (decision instanceof ConsentDecision.Approve approve) {
      UserPrincipal principal =
          new UserPrincipal(
              approve.userId(),
              request.client().clientId(),
              approve.roles(),
              request.scope(),
              RandomValues.familyId());
      String code = codes.issue(principal, request.redirectUri(), request.codeChallenge());
      ResponseDefinition response =
          redirect(status, request.redirectUri(), Map.of("code", code), request.rawState());
      return new Answer(
          response,
          AuthorizeOutcome.CODE,
          Optional.empty(),
          Optional.of(approve.userId()),
          Optional.of(Fingerprint.of(code)));
    }
    String description = ((ConsentDecision.Deny) decision).description();
    return errorRedirect(
        status, request.redirectUri(), request.rawState(), "access_denied", description);
  }

  /**
   * The answer to a request that failed a check: a redirect if its redirect URI is good, else a
   * page.
   */
  Answer problem(AuthorizeProblem problem, boolean json) {
    return problem
        .redirectUri()
        .map(
            uri ->
                errorRedirect(302, uri, problem.rawState(), problem.error(), problem.description()))
        .orElseGet(() -> refused(400, problem.error(), problem.description(), json));
  }

  /** An error page (JSON if the client prefers it) and no redirect. */
  Answer refused(int status, String error, String description, boolean json) {
    ResponseDefinitionBuilder response =
        json
            ? Responses.noStore(
                Responses.json(status, Map.of("error", error, "error_description", description)))
            : html(status, ConsentPage.error(error, description));
    return new Answer(
        response.build(),
        AuthorizeOutcome.REFUSED,
        Optional.of(error),
        Optional.empty(),
        Optional.empty());
  }

  Answer consentPage(AuthorizeRequest request, String handle, String suggestedUser) {
    return new Answer(
        html(200, ConsentPage.consent(request, handle, suggestedUser)).build(),
        AuthorizeOutcome.CONSENT_PAGE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Answer errorRedirect(
      int status, String redirectUri, Optional<String> rawState, String error, String description) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("error", error);
    parameters.put("error_description", description);
    return new Answer(
        redirect(status, redirectUri, parameters, rawState),
        AuthorizeOutcome.ERROR_REDIRECT,
        Optional.of(error),
        Optional.empty(),
        Optional.empty());
  }

  /** RFC 6749 §4.1.2: the parameters added to the redirect URI's query, which is kept. */
  private static ResponseDefinition redirect(
      int status, String redirectUri, Map<String, String> parameters, Optional<String> rawState) {
    StringBuilder location = new StringBuilder(redirectUri);
    char separator = redirectUri.indexOf('?') < 0 ? '?' : '&';
    if (redirectUri.endsWith("?") || redirectUri.endsWith("&")) {
      separator = 0;
    }
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (separator != 0) {
        location.append(separator);
      }
      location.append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
      separator = '&';
    }
    rawState.ifPresent(state -> location.append("&state=").append(state));
    return Responses.noStore(
            ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Location", location.toString()))
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8).replace("+", "%20");
  }

  private static ResponseDefinitionBuilder html(int status, String html) {
    return Responses.noStore(
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(status)
            .withHeader("Content-Type", "text/html; charset=utf-8")
            .withHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
            .withHeader("X-Frame-Options", "DENY")
            .withHeader("Referrer-Policy", "no-referrer")
            .withBody(html));
  }

  /**
   * One answer of the authorization endpoint, with what the journal needs.
   *
   * @param error the OAuth error sent, if any
   * @param userId the user a code was issued for, if one was
   * @param codeFingerprint the fingerprint of the code issued, if one was
   */
  record Answer(
      ResponseDefinition response,
      AuthorizeOutcome outcome,
      Optional<String> error,
      Optional<String> userId,
      Optional<String> codeFingerprint) {}
}
