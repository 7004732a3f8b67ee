package se.krebit.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One token family: the refresh tokens, one after the other, that descend from one authorization
 * code, and the rules of their redemption. Thread-safe: a redemption runs under the family's lock,
 * so of two requests presenting the same refresh token, one rotates it and the other sees it
 * retired.
 *
 * <p>With {@link RefreshTokenRotation#ROTATE}, only the family's newest refresh token is
 * redeemable, and presenting any older one revokes the family, with one exception, the reuse grace:
 * within {@link RefreshSettings#reuseGrace()} of a rotation, the token it retired may be presented
 * once more. That answers a new access token and the family's current refresh token (the one the
 * rotation issued) without rotating again, so a client retrying a refresh whose answer it lost
 * stays on the family's one line of tokens. A second such replay, a replay after the grace, or any
 * older token is reuse.
 */
final class TokenFamily {
  private final UserPrincipal principal;
  private final RefreshSettings settings;
  private final FamilyRevocations revocations;
  private String current;
  private Instant currentIssuedAt;
  private @Nullable String retired;
  private Instant graceUntil = Instant.MIN;
  private boolean graceUsed;

  TokenFamily(
      UserPrincipal principal,
      RefreshSettings settings,
      FamilyRevocations revocations,
      String first,
      Instant now) {
    this.principal = principal;
    this.settings = settings;
    this.revocations = revocations;
    this.current = first;
    this.currentIssuedAt = now;
  }

  /** The user and client of the family, with the scope of its consent. */
  UserPrincipal principal() {
    return principal;
  }

  String id() {
    return principal.familyId();
  }

  /** Redeems {@code presented}, one of this family's refresh tokens, at {@code now}. */
  synchronized Redemption redeem(String presented, Instant now) {
    if (revocations.isRevoked(id())) {
      return new Redemption.Refused("The refresh token has been revoked");
    }
    if (presented.equals(current)) {
      return redeemCurrent(now);
    }
    if (presented.equals(retired) && !graceUsed && now.isBefore(graceUntil)) {
      graceUsed = true;
      return new Redemption.Replayed(current);
    }
    revocations.revoke(id());
    return new Redemption.Reused();
  }

  private Redemption redeemCurrent(Instant now) {
    if (settings.lifetime().isPresent()
        && !now.isBefore(currentIssuedAt.plus(settings.lifetime().get()))) {
      return new Redemption.Refused(
          "The refresh token expired at " + currentIssuedAt.plus(settings.lifetime().get()));
    }
    if (settings.rotation() != RefreshTokenRotation.ROTATE) {
      return new Redemption.Kept(current);
    }
    retired = current;
    graceUntil = now.plus(settings.reuseGrace());
    graceUsed = false;
    current = RandomValues.token();
    currentIssuedAt = now;
    return new Redemption.Rotated(current);
  }

  /**
   * The outcome of presenting a refresh token. Values of refresh tokens never show in {@code
   * toString()}.
   */
  sealed interface Redemption {
    /** Accepted and retired; {@code next} is the family's new refresh token. */
    record Rotated(String next) implements Redemption {
      @Override
      public String toString() {
        return "Rotated";
      }
    }

    /** Accepted and kept, rotation being off; {@code token} is the one presented. */
    record Kept(String token) implements Redemption {
      @Override
      public String toString() {
        return "Kept";
      }
    }

    /**
     * The retired token, accepted within the grace; {@code current} is the family's newest token.
     */
    record Replayed(String current) implements Redemption {
      @Override
      public String toString() {
        return "Replayed";
      }
    }

    /** Refused: revoked or expired. */
    record Refused(String reason) implements Redemption {}

    /** Refused as reuse of a retired token; the family is now revoked. */
    record Reused() implements Redemption {}
  }
}
