package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import se.krebit.testkit.internal.FaultResponses;
import se.krebit.testkit.internal.GlobalResponder;

/**
 * The one WireMock extension of the fake: it sees every request, routes it by path to the token
 * endpoint, the authorization endpoint or the API, lets anything else through as stubbed, and
 * stamps a fresh {@code request_id} on every response, which it journals. The token endpoint
 * answers at each of the configured token paths, and nowhere else. Routing by path (not by stub)
 * keeps the fake working even if a test replaces WireMock's stubs.
 */
final class KrebitResponder extends GlobalResponder {
  static final String NAME = "krebit-fake";

  private final Set<String> tokenPaths;
  private final TokenRoute token;
  private final AuthorizeRoute authorize;
  private final ApiRoute api;
  private final RequestJournal journal;
  private final Clock clock;

  KrebitResponder(
      Collection<String> tokenPaths,
      TokenRoute token,
      AuthorizeRoute authorize,
      ApiRoute api,
      RequestJournal journal,
      Clock clock) {
    super(NAME);
    this.journal = journal;
    this.clock = clock;
    this.tokenPaths = Set.copyOf(tokenPaths);
    this.token = token;
    this.authorize = authorize;
    this.api = api;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String requestId = RandomValues.requestId();
    Instant at = clock.instant();
    Request request = serveEvent.getRequest();
    String path = FaultResponses.path(request.getUrl());
    ResponseDefinition response;
    if (tokenPaths.contains(path)) {
      response = token.serve(request, path, requestId);
    } else if (AuthorizeRoute.covers(path)) {
      response = authorize.serve(request, path, requestId);
    } else if (ApiRoute.covers(path)) {
      response = api.serve(request, path, serveEvent.getResponseDefinition(), requestId);
    } else {
      response = serveEvent.getResponseDefinition();
    }
    // before the response is sent, so a client that has its answer finds its request journaled
    journal.record(
        new RecordedRequest(
            requestId, at, request.getMethod().value(), path, FaultResponses.status(response)));
    return Responses.stamped(response, requestId);
  }
}
