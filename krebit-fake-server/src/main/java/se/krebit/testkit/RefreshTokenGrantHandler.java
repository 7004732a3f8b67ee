package se.krebit.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import se.krebit.testkit.TokenFamily.Redemption;

/**
 * {@code refresh_token}: redeems a refresh token of the requesting client for a new access token
 * (with an optional narrower {@code scope}, RFC 6749 §6) and, per the {@link RefreshTokenRotation},
 * the refresh token to use next.
 */
record RefreshTokenGrantHandler(TokenFamilies families, TokenRegistry tokens, Duration lifetime)
    implements GrantHandler {
  @Override
  public String grantType() {
    return "refresh_token";
  }

  @Override
  public GrantResult exchange(TokenRequestParams request, RegisteredApp client) {
    String refreshToken =
        request
            .get("refresh_token")
            .orElseThrow(
                () ->
                    OAuthError.invalidRequest("The refresh_token parameter is missing").problem());
    TokenFamily family =
        families
            .find(refreshToken)
            .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is unknown").problem());
    if (!family.principal().clientId().equals(client.clientId())) {
      throw OAuthError.invalidGrant("The refresh token was issued to another client").problem();
    }
    List<String> scope = scope(request, family.principal());
    Redemption redemption = families.redeem(family, refreshToken);
    Optional<String> next = next(redemption, family.principal());
    UserPrincipal principal = family.principal().withScope(scope);
    return new GrantResult(tokens.issue(principal, lifetime), lifetime.toSeconds(), next, scope);
  }

  /** The refresh token to answer with, or the refusal. */
  private Optional<String> next(Redemption redemption, UserPrincipal consent) {
    if (redemption instanceof Redemption.Rotated rotated) {
      return Optional.of(rotated.next());
    }
    if (redemption instanceof Redemption.Replayed replayed) {
      return Optional.of(replayed.current());
    }
    if (redemption instanceof Redemption.Kept kept) {
      boolean omit = families.settings().rotation() == RefreshTokenRotation.KEEP_AND_OMIT;
      return omit ? Optional.empty() : Optional.of(kept.token());
    }
    String reason =
        redemption instanceof Redemption.Refused refused
            ? refused.reason()
            : "The refresh token was used already; every token of its family is revoked";
    throw OAuthError.invalidGrant(reason).problemAbout(consent);
  }

  /**
   * The scope asked for, which must be within the consent's; the consent's when none is asked for.
   */
  private static List<String> scope(TokenRequestParams request, UserPrincipal consent) {
    Optional<String> asked = request.get("scope");
    if (asked.isEmpty()) {
      return consent.scope();
    }
    List<String> scope;
    try {
      scope = Scopes.parse(asked.get());
    } catch (IllegalArgumentException e) {
      throw OAuthError.invalidScope(e.getMessage()).problemAbout(consent);
    }
    if (!consent.scope().containsAll(scope)) {
      throw OAuthError.invalidScope(
              "The scope asked for exceeds the scope granted: " + consent.scope())
          .problemAbout(consent);
    }
    return scope.isEmpty() ? consent.scope() : scope;
  }
}
