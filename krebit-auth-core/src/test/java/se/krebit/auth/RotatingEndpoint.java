package se.krebit.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * An in-process authorization server for core's unit tests: codes are redeemed once, refresh tokens
 * rotate, and a reused refresh token revokes its whole family, as strict servers do. (Tests over
 * HTTP use the test kit's fake Krebit server.)
 */
final class RotatingEndpoint implements TokenEndpoint {
  private final Map<String, String> familyOfRefreshToken = new HashMap<>();
  private final Map<String, String> newestOfFamily = new HashMap<>();
  private final Map<String, Integer> redemptions = new HashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Duration lifetime = Duration.ofHours(1);
  private volatile boolean rotate = true;
  private volatile RuntimeException nextFailure;

  RotatingEndpoint lifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  RotatingEndpoint rotate(boolean rotate) {
    this.rotate = rotate;
    return this;
  }

  void failNext(RuntimeException failure) {
    nextFailure = failure;
  }

  synchronized int redemptions(String family) {
    return redemptions.getOrDefault(family, 0);
  }

  synchronized String newestRefreshToken(String family) {
    return newestOfFamily.get(family);
  }

  @Override
  public synchronized TokenResponse exchange(ClientCredentials client, Grant grant) {
    RuntimeException failure = nextFailure;
    if (failure != null) {
      nextFailure = null;
      throw failure;
    }
    int n = counter.incrementAndGet();
    if (grant instanceof AuthorizationCodeGrant code) {
      String family = "family-" + code.code();
      return issue(family, n, true);
    }
    if (grant instanceof RefreshTokenGrant refresh) {
      String presented = refresh.refreshToken().value();
      String family = familyOfRefreshToken.get(presented);
      if (family == null || !presented.equals(newestOfFamily.get(family))) {
        if (family != null) {
          newestOfFamily.remove(family); // reuse: revoke the family
        }
        throw OAuthErrorException.of(
            "invalid_grant", "refresh token reused or unknown", 400, "req-" + n);
      }
      redemptions.merge(family, 1, Integer::sum);
      return issue(family, n, rotate);
    }
    if (grant instanceof ClientCredentialsGrant) {
      return new TokenResponse(
          "app-" + n, lifetime, Optional.empty(), Set.of(), Optional.of("req-" + n));
    }
    throw new IllegalArgumentException("unknown grant");
  }

  private TokenResponse issue(String family, int n, boolean newRefreshToken) {
    Optional<RefreshToken> refresh = Optional.empty();
    if (newRefreshToken) {
      String value = family + "-rt-" + n;
      familyOfRefreshToken.put(value, family);
      newestOfFamily.put(family, value);
      refresh = Optional.of(new RefreshToken(value));
    }
    return new TokenResponse(
        family + "-at-" + n, lifetime, refresh, Set.of("read"), Optional.of("req-" + n));
  }
}
