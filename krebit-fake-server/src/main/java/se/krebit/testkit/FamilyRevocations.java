package se.krebit.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token families that were revoked: by a test, for a reused refresh token, or for a code
 * redeemed twice. Every code, refresh token and access token of a revoked family is refused from
 * the moment it is revoked, whichever thread is using it. Thread-safe.
 */
final class FamilyRevocations {
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  /**
   * @return false if the family was revoked already
   */
  boolean revoke(String familyId) {
    return revoked.add(familyId);
  }

  boolean isRevoked(String familyId) {
    return revoked.contains(familyId);
  }

  /** Whether tokens of {@code principal} are refused because its family was revoked. */
  boolean covers(Principal principal) {
    return principal instanceof UserPrincipal user && isRevoked(user.familyId());
  }

  void clear() {
    revoked.clear();
  }
}
