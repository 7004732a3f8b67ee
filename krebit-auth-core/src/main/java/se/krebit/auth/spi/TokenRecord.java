package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import se.krebit.auth.TokenSet;

/**
 * Everything a {@link TokenStore} keeps for one key apart from the version: the tokens, a refresh
 * lease while a node redeems the refresh token, and whether the user must sign in again because the
 * refresh token was refused.
 *
 * @param tokens the subject's tokens
 * @param refreshLease the lease of the node refreshing now, if any
 * @param reauthorizationRequired the refresh token was refused; don't redeem it again
 */
public record TokenRecord(
    TokenSet tokens, Optional<RefreshLease> refreshLease, boolean reauthorizationRequired) {
  /** Requires every member; a missing one throws {@code NullPointerException} naming it. */
  public TokenRecord {
    requireNonNull(tokens, "tokens");
    requireNonNull(refreshLease, "refreshLease");
  }

  /** A record holding {@code tokens}, with no lease and no re-authorization mark. */
  public static TokenRecord of(TokenSet tokens) {
    return new TokenRecord(tokens, Optional.empty(), false);
  }

  /** This record with {@code lease} taken. */
  public TokenRecord leasedTo(RefreshLease lease) {
    return new TokenRecord(tokens, Optional.of(lease), reauthorizationRequired);
  }

  /** This record with no lease. */
  public TokenRecord withoutLease() {
    return new TokenRecord(tokens, Optional.empty(), reauthorizationRequired);
  }

  /** This record marked as needing a new sign-in, lease released. */
  public TokenRecord requiringReauthorization() {
    return new TokenRecord(tokens, Optional.empty(), true);
  }
}
