package se.krebit.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * What the fake knows about an authorization code it issued; never the code itself.
 *
 * @param fingerprint {@link se.krebit.auth.Fingerprint} of the code, safe to log
 * @param principal the user who consented, with the family the code's tokens will belong to
 * @param redirectUri the exact {@code redirect_uri} of the authorize request
 * @param codeChallenge the PKCE S256 challenge of the authorize request, if it had one
 */
record IssuedCode(
    String fingerprint,
    UserPrincipal principal,
    String redirectUri,
    Optional<String> codeChallenge,
    Instant issuedAt,
    Instant expiresAt) {
  boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
