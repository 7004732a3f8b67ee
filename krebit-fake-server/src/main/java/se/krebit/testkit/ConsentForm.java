package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.http.Request;

/**
 * The consent page's form as posted back: which pending request it answers, and how. Its problems
 * go on an error page: a form that names no pending request has no redirect URI to go back to.
 *
 * @param handle the pending request's handle
 * @param request the pending request
 * @param form the form's fields
 */
record ConsentForm(String handle, AuthorizeRequest request, UrlParameters form) {
  static final String GONE =
      "This consent request is unknown, expired or answered already: start the sign-in again";

  /**
   * @throws AuthorizeProblem if the form is malformed or names no pending request
   */
  static ConsentForm read(Request request, PendingConsents pending) {
    boolean isForm =
        TokenRequestParser.mediaType(request.contentTypeHeader())
            .filter(TokenRequestParser.FORM::equals)
            .isPresent();
    if (!isForm) {
      throw AuthorizeProblem.page(
          "invalid_request", "The consent form must be posted as " + TokenRequestParser.FORM);
    }
    UrlParameters form;
    try {
      form = UrlParameters.parse(new String(request.getBody(), UTF_8));
    } catch (IllegalArgumentException e) {
      throw AuthorizeProblem.page("invalid_request", "The form body is not properly URL-encoded");
    }
    String handle =
        form.first("consent")
            .orElseThrow(
                () ->
                    AuthorizeProblem.page("invalid_request", "The form names no consent request"));
    AuthorizeRequest held =
        pending.find(handle).orElseThrow(() -> AuthorizeProblem.page("invalid_request", GONE));
    return new ConsentForm(handle, held, form);
  }

  /**
   * The user's decision: approve as the user named in the form, with the roles the builder gave
   * that user, or deny.
   *
   * @throws AuthorizeProblem if the form says neither, or names no valid user to approve as
   */
  ConsentDecision decision(ConsentScript consent) {
    String decision = form.first("decision").orElse("");
    if (decision.equals("deny")) {
      return new ConsentDecision.Deny(ConsentScript.DENIED);
    }
    if (!decision.equals("approve")) {
      throw AuthorizeProblem.page("invalid_request", "The decision must be approve or deny");
    }
    String user = form.first("user").map(String::strip).orElse("");
    try {
      return new ConsentDecision.Approve(ConsentScript.checkUserId(user), consent.rolesOf(user));
    } catch (IllegalArgumentException e) {
      throw AuthorizeProblem.page(
          "invalid_request", "Enter the id of the user to sign in as: " + e.getMessage());
    }
  }
}
