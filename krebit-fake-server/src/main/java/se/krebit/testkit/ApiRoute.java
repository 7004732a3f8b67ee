package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.internal.FaultPlan;
import se.krebit.testkit.internal.FaultResponses;

/**
 * Serves everything under {@code /api/1.0}: the scripted fault if there is one; else the bearer
 * check, the role check, and then {@code /me} from the token's principal (in the users guide's
 * shape, see {@link UserDirectory}), the documented signing endpoints ({@link SigningsRoute}) or,
 * for any other path, whatever is stubbed there (404 when nothing is). Journals every request.
 */
final class ApiRoute {
  static final String PREFIX = "/api/1.0/";
  static final String ME = "/api/1.0/me";
  private static final Logger LOG = LoggerFactory.getLogger(FakeKrebitServer.class);

  private final BearerAuthenticator bearer;
  private final UserDirectory directory;
  private final SigningsRoute signings;
  private final RoleRequirements roles;
  private final FaultPlan faults;
  private final RequestJournal journal;
  private final Clock clock;

  ApiRoute(
      BearerAuthenticator bearer,
      UserDirectory directory,
      SigningsRoute signings,
      RoleRequirements roles,
      FaultPlan faults,
      RequestJournal journal,
      Clock clock) {
    this.bearer = bearer;
    this.directory = directory;
    this.signings = signings;
    this.roles = roles;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
  }

  /** Whether {@code path} is part of the API, so that it needs a bearer token. */
  static boolean covers(String path) {
    return path.startsWith(PREFIX) || path.equals(PREFIX.substring(0, PREFIX.length() - 1));
  }

  ResponseDefinition serve(
      Request request, String path, ResponseDefinition stubbed, String requestId) {
    Instant at = clock.instant();
    Optional<InjectedFault> fault = faults.next();
    Optional<ResponseDefinition> replacement = fault.flatMap(Responses::replacing);
    if (replacement.isPresent()) {
      record(
          requestId,
          at,
          request,
          path,
          replacement.get(),
          Optional.empty(),
          Optional.empty(),
          fault);
      return replacement.get();
    }
    BearerAuthenticator.Outcome auth = bearer.authenticate(request);
    Optional<Principal> principal = auth.token().map(IssuedToken::principal);
    ResponseDefinition response =
        auth.rejection()
            .orElseGet(() -> authorized(request, path, principal.orElseThrow(), stubbed));
    record(
        requestId,
        at,
        request,
        path,
        response,
        auth.fingerprint(),
        principal.map(Principal::clientId),
        fault);
    return FaultResponses.delayed(response, fault);
  }

  private ResponseDefinition authorized(
      Request request, String path, Principal principal, ResponseDefinition stubbed) {
    Set<String> missing = roles.missing(path, principal.roles());
    if (!missing.isEmpty()) {
      return Responses.error(
              403,
              "forbidden",
              "The identity of "
                  + principal.describe()
                  + " lacks the role(s) "
                  + missing
                  + " required for "
                  + path)
          .build();
    }
    boolean read =
        RequestMethod.GET.equals(request.getMethod())
            || RequestMethod.HEAD.equals(request.getMethod());
    if (path.equals(ME) && read) {
      return Responses.documentedJson(200, directory.me(principal)).build();
    }
    return signings.serve(request, path).orElse(stubbed);
  }

  private void record(
      String requestId,
      Instant at,
      Request request,
      String path,
      ResponseDefinition response,
      Optional<String> token,
      Optional<String> clientId,
      Optional<InjectedFault> fault) {
    RecordedApiRequest entry =
        new RecordedApiRequest(
            requestId,
            at,
            request.getMethod().value(),
            path,
            FaultResponses.status(response),
            token,
            clientId,
            fault);
    journal.record(entry);
    LOG.info(
        "{} {} token={} -> {}{} request_id={}",
        entry.method(),
        path,
        token.orElse("-"),
        entry.status().isPresent() ? String.valueOf(entry.status().getAsInt()) : "no response",
        fault.map(f -> " (injected " + f + ")").orElse(""),
        requestId);
  }
}
