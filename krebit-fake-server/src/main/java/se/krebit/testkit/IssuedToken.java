package se.krebit.testkit;

import java.time.Instant;

/**
 * What the fake knows about an access token it issued; never the value itself.
 *
 * @param fingerprint {@link se.krebit.auth.Fingerprint} of the value, safe to log
 */
record IssuedToken(String fingerprint, Principal principal, Instant issuedAt, Instant expiresAt) {
  boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
