package se.krebit.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the fake remembers, wired together once: apps, tokens, role requirements, fault plans
 * and the journal, and the responder that serves requests from them. Each part is thread-safe.
 */
final class FakeKrebitState {
  private final AppRegistry apps;
  private final Duration tokenLifetime;
  private final SettableClock clock;
  private final TokenRegistry tokens;
  private final RoleRequirements roles;
  private final FaultPlan tokenFaults = new FaultPlan();
  private final FaultPlan apiFaults = new FaultPlan();
  private final RequestJournal journal = new RequestJournal();
  private final KrebitResponder responder;

  FakeKrebitState(
      AppRegistry apps, Duration tokenLifetime, SettableClock clock, Map<String, Set<String>> requiredRoles) {
    this.apps = apps;
    this.roles = new RoleRequirements(requiredRoles);
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
    this.tokens = new TokenRegistry(clock);
    List<GrantHandler> grants = List.of(new ClientCredentialsGrantHandler(tokens, tokenLifetime));
    TokenEndpointHandler endpoint = new TokenEndpointHandler(new ClientAuthenticator(apps), grants);
    this.responder = new KrebitResponder(
        new TokenRoute(endpoint, tokenFaults, journal, clock),
        new ApiRoute(new BearerAuthenticator(tokens), roles, apiFaults, journal, clock));
  }

  void reset() {
    tokenFaults.clear();
    apiFaults.clear();
    journal.clear();
    tokens.clearRevocations();
    roles.reset();
  }

  AppRegistry apps() {
    return apps;
  }

  Duration tokenLifetime() {
    return tokenLifetime;
  }

  SettableClock clock() {
    return clock;
  }

  TokenRegistry tokens() {
    return tokens;
  }

  RoleRequirements roles() {
    return roles;
  }

  FaultPlan tokenFaults() {
    return tokenFaults;
  }

  FaultPlan apiFaults() {
    return apiFaults;
  }

  RequestJournal journal() {
    return journal;
  }

  KrebitResponder responder() {
    return responder;
  }
}
