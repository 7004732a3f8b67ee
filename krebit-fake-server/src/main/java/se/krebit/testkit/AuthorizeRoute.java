package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.AuthorizeAnswers.Answer;

/**
 * Serves the authorization endpoint, {@code GET /oauth/authorize}, and its consent form, {@code
 * POST /oauth/authorize/decision}: checks the request, then answers with the scripted decision or
 * the consent page; journals and logs every request, never a code or a state.
 */
final class AuthorizeRoute {
  static final String PATH = "/oauth/authorize";
  static final String DECISION_PATH = PATH + "/decision";
  private static final Logger LOG = LoggerFactory.getLogger(FakeKrebitServer.class);

  private final AuthorizeRequestReader reader;
  private final ConsentScript consent;
  private final PendingConsents pending;
  private final AuthorizeAnswers answers;
  private final RequestJournal journal;
  private final Clock clock;

  AuthorizeRoute(
      AuthorizeRequestReader reader,
      ConsentScript consent,
      PendingConsents pending,
      AuthorizeAnswers answers,
      RequestJournal journal,
      Clock clock) {
    this.reader = reader;
    this.consent = consent;
    this.pending = pending;
    this.answers = answers;
    this.journal = journal;
    this.clock = clock;
  }

  static boolean covers(String path) {
    return path.equals(PATH) || path.equals(DECISION_PATH);
  }

  ResponseDefinition serve(Request request, String path, String requestId) {
    Instant at = clock.instant();
    boolean json = prefersJson(request);
    Served served = path.equals(PATH) ? authorize(request, json) : decide(request, json);
    record(requestId, at, path, served);
    return served.answer.response();
  }

  private Served authorize(Request request, boolean json) {
    UrlParameters query;
    try {
      query = UrlParameters.parse(rawQuery(request.getUrl()));
    } catch (IllegalArgumentException e) {
      return new Served(
          AuthorizeClaims.NONE,
          answers.refused(400, "invalid_request", "The query is not properly URL-encoded", json));
    }
    AuthorizeClaims claims = AuthorizeClaims.of(query);
    if (!RequestMethod.GET.equals(request.getMethod())) {
      return new Served(claims, methodNotAllowed("GET", json));
    }
    try {
      AuthorizeRequest authorize = reader.read(query);
      Answer answer =
          consent
              .next(authorize.loginHint())
              .map(decision -> answers.decided(authorize, decision, 302))
              .orElseGet(
                  () ->
                      answers.consentPage(
                          authorize,
                          pending.hold(authorize),
                          authorize.loginHint().orElseGet(consent::suggestedUser)));
      return new Served(claims, answer);
    } catch (AuthorizeProblem problem) {
      return new Served(claims, answers.problem(problem, json));
    }
  }

  private Served decide(Request request, boolean json) {
    if (!RequestMethod.POST.equals(request.getMethod())) {
      return new Served(AuthorizeClaims.NONE, methodNotAllowed("POST", json));
    }
    ConsentForm form;
    try {
      form = ConsentForm.read(request, pending);
    } catch (AuthorizeProblem problem) {
      return new Served(AuthorizeClaims.NONE, answers.problem(problem, json));
    }
    AuthorizeClaims claims = AuthorizeClaims.of(form.request());
    ConsentDecision decision;
    try {
      decision = form.decision(consent);
    } catch (AuthorizeProblem problem) {
      return new Served(claims, answers.problem(problem, json));
    }
    if (pending.take(form.handle()).isEmpty()) {
      return new Served(claims, answers.refused(400, "invalid_request", ConsentForm.GONE, json));
    }
    return new Served(claims, answers.decided(form.request(), decision, 303));
  }

  private Answer methodNotAllowed(String allowed, boolean json) {
    Answer refused =
        answers.refused(405, "invalid_request", "This endpoint takes " + allowed + " only", json);
    ResponseDefinition response =
        ResponseDefinitionBuilder.like(refused.response())
            .but()
            .withHeader("Allow", allowed)
            .build();
    return new Answer(
        response, refused.outcome(), refused.error(), refused.userId(), refused.codeFingerprint());
  }

  private void record(String requestId, Instant at, String path, Served served) {
    AuthorizeClaims claims = served.claims;
    Answer answer = served.answer;
    RecordedAuthorizeRequest entry =
        new RecordedAuthorizeRequest(
            requestId,
            at,
            path,
            claims.clientId(),
            claims.redirectUri(),
            claims.statePresent(),
            claims.codeChallengeMethod(),
            claims.scope(),
            answer.response().getStatus(),
            answer.outcome(),
            answer.error(),
            answer.userId(),
            answer.codeFingerprint());
    journal.record(entry);
    LOG.info(
        "{} client={} redirect_uri={} -> {} {}{}{}{} request_id={}",
        path,
        claims.clientId().map(TokenRoute::printable).orElse("-"),
        claims.redirectUri().map(TokenRoute::printable).orElse("-"),
        entry.status(),
        entry.outcome(),
        answer.error().map(e -> " " + e).orElse(""),
        answer.userId().map(u -> " user=" + TokenRoute.printable(u)).orElse(""),
        answer.codeFingerprint().map(c -> " code=" + c).orElse(""),
        requestId);
  }

  /** Browsers get HTML error pages; clients that ask for JSON only get JSON. */
  private static boolean prefersJson(Request request) {
    String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
    return accept.contains("application/json") && !accept.contains("text/html");
  }

  private static String rawQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? "" : url.substring(query + 1);
  }

  private record Served(AuthorizeClaims claims, Answer answer) {}
}
