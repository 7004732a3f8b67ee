package se.krebit.testkit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The refresh-token families the fake has started, one per redeemed authorization code, and every
 * refresh token each has issued, retired ones included (so that their reuse is recognised).
 * Thread-safe. Families are kept for the server's life.
 */
final class TokenFamilies {
  private final Clock clock;
  private final RefreshSettings settings;
  private final FamilyRevocations revocations;
  private final Map<String, TokenFamily> byId = new ConcurrentHashMap<>();
  private final Map<String, TokenFamily> byRefreshToken = new ConcurrentHashMap<>();

  TokenFamilies(Clock clock, RefreshSettings settings, FamilyRevocations revocations) {
    this.clock = clock;
    this.settings = settings;
    this.revocations = revocations;
  }

  RefreshSettings settings() {
    return settings;
  }

  /**
   * Starts the family of {@code principal}, for a code just redeemed; returns its first refresh
   * token.
   */
  String start(UserPrincipal principal) {
    String first = RandomValues.token();
    TokenFamily family = new TokenFamily(principal, settings, revocations, first, clock.instant());
    byId.put(family.id(), family);
    byRefreshToken.put(first, family);
    return first;
  }

  /** The family that issued {@code refreshToken}, current or retired. */
  Optional<TokenFamily> find(String refreshToken) {
    return Optional.ofNullable(byRefreshToken.get(refreshToken));
  }

  /** Redeems {@code refreshToken} of {@code family} now; see {@link TokenFamily#redeem}. */
  TokenFamily.Redemption redeem(TokenFamily family, String refreshToken) {
    TokenFamily.Redemption redemption = family.redeem(refreshToken, clock.instant());
    if (redemption instanceof TokenFamily.Redemption.Rotated rotated) {
      byRefreshToken.put(rotated.next(), family);
    }
    return redemption;
  }

  boolean isKnown(String familyId) {
    return byId.containsKey(familyId);
  }

  /** The ids of the families of {@code userId}, with any client. */
  Stream<String> familiesOf(String userId) {
    return byId.values().stream()
        .filter(f -> f.principal().userId().equals(userId))
        .map(TokenFamily::id);
  }
}
