package se.krebit.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.internal.FaultPlan;

/**
 * Everything the fake remembers, wired together once: apps, codes, token families, tokens, consent
 * scripts, role requirements, fault plans, the journal and the webhooks, and the responder that
 * serves requests from them. Each part is thread-safe.
 */
final class FakeKrebitState {
  private final Settings settings;
  private final FamilyRevocations revocations = new FamilyRevocations();
  private final TokenRegistry tokens;
  private final AuthorizationCodes codes;
  private final TokenFamilies families;
  private final ConsentScript consent;
  private final PendingConsents pendingConsents;
  private final RoleRequirements roles;
  private final FaultPlan tokenFaults = new FaultPlan();
  private final FaultPlan apiFaults = new FaultPlan();
  private final RequestJournal journal = new RequestJournal();
  private final FakeWebhooks webhooks;
  private final FakeSignings signings;
  private final KrebitResponder responder;

  FakeKrebitState(Settings settings) {
    this.settings = settings;
    SettableClock clock = settings.clock();
    this.roles = new RoleRequirements(settings.requiredRoles());
    this.tokens = new TokenRegistry(clock, revocations);
    this.codes = new AuthorizationCodes(clock, revocations);
    this.families = new TokenFamilies(clock, settings.refresh(), revocations);
    this.consent = new ConsentScript(settings.autoApprove(), settings.userRoles());
    this.pendingConsents = new PendingConsents(clock);
    this.webhooks = new FakeWebhooks(settings.apps(), clock);
    this.signings = new FakeSignings(new SigningEvents(webhooks));
    Duration lifetime = settings.tokenLifetime();
    List<GrantHandler> grants =
        List.of(
            new ClientCredentialsGrantHandler(tokens, lifetime),
            new AuthorizationCodeGrantHandler(codes, families, tokens, lifetime),
            new RefreshTokenGrantHandler(families, tokens, lifetime));
    TokenEndpointHandler endpoint =
        new TokenEndpointHandler(new ClientAuthenticator(settings.apps()), grants);
    this.responder =
        new KrebitResponder(
            settings.tokenPaths(),
            new TokenRoute(endpoint, tokenFaults, journal, clock),
            new AuthorizeRoute(
                new AuthorizeRequestReader(settings.apps()),
                consent,
                pendingConsents,
                new AuthorizeAnswers(codes),
                journal,
                clock),
            new ApiRoute(
                new BearerAuthenticator(tokens),
                settings.directory(),
                new SigningsRoute(signings),
                roles,
                apiFaults,
                journal,
                clock),
            journal,
            clock);
  }

  void reset() {
    tokenFaults.clear();
    apiFaults.clear();
    journal.clear();
    tokens.clearRevocations();
    revocations.clear();
    roles.reset();
    consent.reset();
    pendingConsents.clear();
    webhooks.reset();
    signings.clear();
  }

  /** Journals a request {@link RequestLimits} refused before it reached a route. */
  void refused(RequestLimits.Refusal refusal) {
    Optional<String> error = Optional.of(RequestLimits.Refusal.ERROR);
    journal.record(
        new RecordedRequest(
            refusal.requestId(),
            refusal.at(),
            refusal.method(),
            refusal.path(),
            OptionalInt.of(refusal.status())));
    if (refusal.path().equals(TokenRoute.PATH)) {
      journal.record(
          new RecordedTokenRequest(
              refusal.requestId(),
              refusal.at(),
              Optional.empty(),
              Optional.empty(),
              refusal.contentType(),
              OptionalInt.of(refusal.status()),
              error,
              Optional.empty(),
              Optional.empty()));
    } else if (AuthorizeRoute.covers(refusal.path())) {
      journal.record(
          new RecordedAuthorizeRequest(
              refusal.requestId(),
              refusal.at(),
              refusal.path(),
              Optional.empty(),
              Optional.empty(),
              false,
              Optional.empty(),
              Optional.empty(),
              refusal.status(),
              AuthorizeOutcome.REFUSED,
              error,
              Optional.empty(),
              Optional.empty()));
    } else if (ApiRoute.covers(refusal.path())) {
      journal.record(
          new RecordedApiRequest(
              refusal.requestId(),
              refusal.at(),
              refusal.method(),
              refusal.path(),
              OptionalInt.of(refusal.status()),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
  }

  /** Revokes a family whose code the fake issued; false if it issued none such. */
  boolean revokeFamily(String familyId) {
    if (!families.isKnown(familyId) && !codes.hasFamily(familyId)) {
      return false;
    }
    revocations.revoke(familyId);
    return true;
  }

  /**
   * Revokes every family of {@code userId}, codes not yet redeemed included; returns how many it
   * newly revoked.
   */
  int revokeUser(String userId) {
    return (int)
        Stream.concat(codes.familiesOf(userId), families.familiesOf(userId))
            .distinct()
            .filter(revocations::revoke)
            .count();
  }

  /** The family of a code, refresh token or access token the fake issued for a user. */
  Optional<String> familyOf(String value) {
    return families
        .find(value)
        .map(TokenFamily::id)
        .or(
            () ->
                tokens
                    .find(value)
                    .map(IssuedToken::principal)
                    .filter(UserPrincipal.class::isInstance)
                    .map(p -> ((UserPrincipal) p).familyId()))
        .or(() -> codes.familyOf(value));
  }

  AppRegistry apps() {
    return settings.apps();
  }

  Duration tokenLifetime() {
    return settings.tokenLifetime();
  }

  List<String> tokenPaths() {
    return settings.tokenPaths();
  }

  SettableClock clock() {
    return settings.clock();
  }

  TokenRegistry tokens() {
    return tokens;
  }

  ConsentScript consent() {
    return consent;
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

  FakeSignings signings() {
    return signings;
  }

  RequestJournal journal() {
    return journal;
  }

  FakeWebhooks webhooks() {
    return webhooks;
  }

  KrebitResponder responder() {
    return responder;
  }

  /**
   * What the builder configured.
   *
   * @param requiredRoles role requirements that {@link #reset()} keeps, by API path
   * @param userRoles the roles of users approving on the consent page, or auto-approved, by user id
   * @param autoApprove the users authorize requests are approved as, until a test scripts otherwise
   * @param tokenPaths the paths the token endpoint answers at, the first being the one it names
   * @param directory who the identities are, for {@code /me}
   */
  record Settings(
      AppRegistry apps,
      Duration tokenLifetime,
      SettableClock clock,
      Map<String, Set<String>> requiredRoles,
      RefreshSettings refresh,
      Map<String, Set<String>> userRoles,
      List<String> autoApprove,
      List<String> tokenPaths,
      UserDirectory directory) {}
}
