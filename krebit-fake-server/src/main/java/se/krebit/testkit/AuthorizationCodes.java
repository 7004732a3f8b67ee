package se.krebit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import se.krebit.auth.Fingerprint;

/**
 * The authorization codes the fake has issued: single-use, short-lived, and bound to the client,
 * the exact redirect URI and the PKCE challenge of their authorize request. Thread-safe; of any
 * number of concurrent redemptions of one code, exactly one succeeds.
 *
 * <p>Presenting a code that was redeemed already revokes the token family it started (RFC 6749
 * §4.1.2: the code has leaked), whoever presents it. Checks that fail without a redemption (wrong
 * client, redirect URI or verifier) leave the code usable by its rightful client.
 */
final class AuthorizationCodes {
  /** How long a code may wait for its redemption: 60 s, on the fake's clock. */
  static final Duration LIFETIME = Duration.ofSeconds(60);

  private static final int PURGE_THRESHOLD = 10_000;

  private final Clock clock;
  private final FamilyRevocations revocations;
  private final Map<String, IssuedCode> byValue = new ConcurrentHashMap<>();
  private final Set<String> redeemed = ConcurrentHashMap.newKeySet();

  AuthorizationCodes(Clock clock, FamilyRevocations revocations) {
    this.clock = clock;
    this.revocations = revocations;
  }

  /**
   * A new code for {@code principal}, bound to {@code redirectUri} and the challenge; returns its
   * value.
   */
  String issue(UserPrincipal principal, String redirectUri, Optional<String> codeChallenge) {
    if (byValue.size() >= PURGE_THRESHOLD) {
      purgeLongExpired();
    }
    String value = RandomValues.code();
    Instant now = clock.instant();
    byValue.put(
        value,
        new IssuedCode(
            Fingerprint.of(value), principal, redirectUri, codeChallenge, now, now.plus(LIFETIME)));
    return value;
  }

  /**
   * Redeems {@code code} for {@code clientId}: checks it and marks it used, atomically.
   *
   * @param redirectUri the {@code redirect_uri} of the token request
   * @param codeVerifier the {@code code_verifier} of the token request, if it had one
   * @throws OAuthProblem {@code invalid_grant} saying why the code cannot be redeemed
   */
  IssuedCode redeem(
      String code, String clientId, String redirectUri, Optional<String> codeVerifier) {
    IssuedCode issued = byValue.get(code);
    if (issued == null) {
      throw OAuthError.invalidGrant("The authorization code is unknown").problem();
    }
    if (redeemed.contains(code)) {
      throw reused(issued);
    }
    check(issued, clientId, redirectUri, codeVerifier);
    if (!redeemed.add(code)) {
      throw reused(issued); // another redemption won the race
    }
    return issued;
  }

  private void check(
      IssuedCode issued, String clientId, String redirectUri, Optional<String> codeVerifier) {
    UserPrincipal principal = issued.principal();
    if (issued.isExpiredAt(clock.instant())) {
      throw refused("The authorization code expired at " + issued.expiresAt(), principal);
    }
    if (!principal.clientId().equals(clientId)) {
      throw OAuthError.invalidGrant("The authorization code was issued to another client")
          .problem();
    }
    if (!issued.redirectUri().equals(redirectUri)) {
      throw refused(
          "The redirect_uri differs from the one of the authorization request", principal);
    }
    if (issued.codeChallenge().isEmpty() && codeVerifier.isPresent()) {
      throw refused(
          "A code_verifier was sent, but the authorization request had no code_challenge",
          principal);
    }
    if (issued.codeChallenge().isPresent() && codeVerifier.isEmpty()) {
      throw refused(
          "The code_verifier is missing: the authorization request had a code_challenge",
          principal);
    }
    if (issued.codeChallenge().isPresent()
        && !Pkce.verifies(codeVerifier.get(), issued.codeChallenge().get())) {
      throw refused("The code_verifier does not match the code_challenge", principal);
    }
    if (revocations.isRevoked(principal.familyId())) {
      throw refused("The authorization code has been revoked", principal);
    }
  }

  private OAuthProblem reused(IssuedCode issued) {
    revocations.revoke(issued.principal().familyId());
    return refused(
        "The authorization code was used already; the tokens issued for it are revoked",
        issued.principal());
  }

  private static OAuthProblem refused(String description, UserPrincipal principal) {
    return OAuthError.invalidGrant(description).problemAbout(principal);
  }

  /** The family of the code {@code value}, if the fake issued it. */
  Optional<String> familyOf(String value) {
    return Optional.ofNullable(byValue.get(value)).map(c -> c.principal().familyId());
  }

  /** Whether a code of the family {@code familyId} was issued (and not purged). */
  boolean hasFamily(String familyId) {
    return byValue.values().stream().anyMatch(c -> c.principal().familyId().equals(familyId));
  }

  /** The families of the codes issued for {@code userId}, redeemed or not. */
  Stream<String> familiesOf(String userId) {
    return byValue.values().stream()
        .map(IssuedCode::principal)
        .filter(p -> p.userId().equals(userId))
        .map(UserPrincipal::familyId);
  }

  private void purgeLongExpired() {
    Instant horizon = clock.instant().minus(TokenRegistry.RETAINED_AFTER_EXPIRY);
    byValue.entrySet().removeIf(e -> e.getValue().expiresAt().isBefore(horizon));
    redeemed.removeIf(value -> !byValue.containsKey(value));
  }
}
