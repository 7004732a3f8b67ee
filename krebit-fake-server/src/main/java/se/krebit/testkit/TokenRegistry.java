package se.krebit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import se.krebit.auth.Fingerprint;

/**
 * The access tokens the fake has issued, and which of them were revoked, one by one or with their
 * token family. Thread-safe.
 *
 * <p>Tokens stay known for a day of the fake's time after they expire, so that a test sees
 * "expired" rather than "unknown"; older ones are dropped once many have piled up, which keeps a
 * long-running standalone server's memory bounded.
 */
final class TokenRegistry {
  static final Duration RETAINED_AFTER_EXPIRY = Duration.ofDays(1);
  private static final int PURGE_THRESHOLD = 10_000;

  private final Clock clock;
  private final FamilyRevocations families;
  private final Map<String, IssuedToken> byValue = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  /**
   * @param families the revoked token families, whose access tokens are refused too
   */
  TokenRegistry(Clock clock, FamilyRevocations families) {
    this.clock = clock;
    this.families = families;
  }

  /** A new token for {@code principal}, valid for {@code lifetime} from now on the fake's clock. */
  Issued issue(Principal principal, Duration lifetime) {
    if (byValue.size() >= PURGE_THRESHOLD) {
      purgeLongExpired();
    }
    String value = RandomValues.token();
    Instant now = clock.instant();
    IssuedToken token = new IssuedToken(Fingerprint.of(value), principal, now, now.plus(lifetime));
    byValue.put(value, token);
    return new Issued(value, token);
  }

  /** The token if it is known, unexpired and not revoked; otherwise why not. */
  Verdict check(String value) {
    IssuedToken token = byValue.get(value);
    if (token == null) {
      return new Verdict(Optional.empty(), "The access token is unknown");
    }
    if (revoked.contains(value) || families.covers(token.principal())) {
      return new Verdict(Optional.empty(), "The access token has been revoked");
    }
    if (token.isExpiredAt(clock.instant())) {
      return new Verdict(Optional.empty(), "The access token expired at " + token.expiresAt());
    }
    return new Verdict(Optional.of(token), "");
  }

  /** What the registry knows of the token {@code value}, valid or not. */
  Optional<IssuedToken> find(String value) {
    return Optional.ofNullable(byValue.get(value));
  }

  /** Revokes a token the fake issued; false if it issued no such token. */
  boolean revoke(String value) {
    if (!byValue.containsKey(value)) {
      return false;
    }
    revoked.add(value);
    return true;
  }

  void clearRevocations() {
    revoked.clear();
  }

  private void purgeLongExpired() {
    Instant horizon = clock.instant().minus(RETAINED_AFTER_EXPIRY);
    byValue.entrySet().removeIf(e -> e.getValue().expiresAt().isBefore(horizon));
    revoked.removeIf(value -> !byValue.containsKey(value));
  }

  /** A token just issued: its value, to send once, and what the registry keeps about it. */
  record Issued(String value, IssuedToken token) {
    @Override
    public String toString() {
      return "Issued[" + token + "]";
    }
  }

  /** The outcome of checking a presented token: the token, or a reason safe to show the caller. */
  record Verdict(Optional<IssuedToken> token, String reason) {}
}
