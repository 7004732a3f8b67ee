package se.krebit.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.TokenRecord;

/** Token records for the store tests: a sign-in's, a rotation's, with a lease. */
final class StoredRecords {
  static final TokenKey ALICE = new TokenKey("acme", "cli", "alice");
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  private StoredRecords() {}

  /**
   * Tokens whose refresh token is {@code refreshToken}, access token {@code "access-" +
   * refreshToken}.
   */
  static TokenRecord record(String refreshToken) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken("access-" + refreshToken, AccessToken.BEARER, NOW.plusSeconds(3600)),
            Optional.of(new RefreshToken(refreshToken)),
            Set.of(),
            NOW));
  }

  /** {@code record} with a node's refresh lease taken. */
  static TokenRecord leased(TokenRecord record) {
    return record.leasedTo(new RefreshLease("node-1", NOW.plusSeconds(60)));
  }
}
