package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.GrantType;
import java.util.Set;
import se.krebit.auth.RefreshToken;

/**
 * The refresh-token grant: a new access token (and, with rotation, a new refresh token) for a user
 * who signed in before.
 *
 * @param refreshToken the refresh token to redeem
 * @param scope the scope to ask for; empty to keep the originally granted scope
 */
public record RefreshTokenGrant(RefreshToken refreshToken, Set<String> scope) implements Grant {
  /**
   * Requires the refresh token and copies {@code scope}: later changes to the set do not change the
   * request.
   */
  public RefreshTokenGrant {
    requireNonNull(refreshToken, "refreshToken");
    scope = Set.copyOf(requireNonNull(scope, "scope"));
  }

  @Override
  public String grantType() {
    return GrantType.REFRESH_TOKEN.getValue();
  }
}
