package se.krebit.testkit.contract;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * A stub token endpoint and the server behind it in one object, in memory: one client, codes bound
 * to their PKCE challenge and redeemed once, refresh tokens rotated or kept. The smallest thing
 * that keeps the {@link TokenEndpointContract}, and so the reference a user's stub can be held to.
 */
final class InMemoryTokenEndpoint
    implements TokenEndpoint, TokenEndpointContract.AuthorizationServer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final ClientCredentials client =
      ClientCredentials.of("stub-client", "stub-secret-" + token());
  private final URI redirectUri = URI.create("http://127.0.0.1:8765/callback");
  private final boolean rotate;
  private final Map<String, String> challengeOfCode = new HashMap<>();
  private final Set<String> liveRefreshTokens = new HashSet<>();
  private volatile boolean failing;

  InMemoryTokenEndpoint(boolean rotate) {
    this.rotate = rotate;
  }

  @Override
  public synchronized TokenResponse exchange(ClientCredentials presented, Grant grant) {
    if (failing) {
      throw new TokenEndpointUnavailableException(
          "HTTP 503 from the stub token endpoint", 503, null, null, null);
    }
    if (!presented.equals(client)) {
      throw OAuthErrorException.of("invalid_client", "unknown client or wrong secret", 401, null);
    }
    if (grant instanceof ClientCredentialsGrant) {
      return issue(Optional.empty());
    }
    if (grant instanceof AuthorizationCodeGrant code) {
      String challenge = challengeOfCode.remove(code.code());
      if (challenge == null
          || !code.redirectUri().equals(redirectUri)
          || code.codeVerifier().isEmpty()
          || !TokenEndpointContract.challenge(code.codeVerifier().get()).equals(challenge)) {
        throw OAuthErrorException.of(
            "invalid_grant", "unknown or used code, or wrong verifier", 400, null);
      }
      RefreshToken refresh = new RefreshToken("rt-" + token());
      liveRefreshTokens.add(refresh.value());
      return issue(Optional.of(refresh));
    }
    RefreshTokenGrant refresh = (RefreshTokenGrant) grant;
    String value = refresh.refreshToken().value();
    if (!liveRefreshTokens.contains(value)) {
      throw OAuthErrorException.of("invalid_grant", "unknown or replaced refresh token", 400, null);
    }
    if (!rotate) {
      return issue(Optional.empty());
    }
    liveRefreshTokens.remove(value);
    RefreshToken next = new RefreshToken("rt-" + token());
    liveRefreshTokens.add(next.value());
    return issue(Optional.of(next));
  }

  private static TokenResponse issue(Optional<RefreshToken> refresh) {
    return new TokenResponse("at-" + token(), LIFETIME, refresh, Set.of(), Optional.empty());
  }

  @Override
  public ClientCredentials client() {
    return client;
  }

  @Override
  public URI redirectUri() {
    return redirectUri;
  }

  @Override
  public synchronized String authorize(String codeChallenge) {
    String code = "code-" + token();
    challengeOfCode.put(code, codeChallenge);
    return code;
  }

  @Override
  public boolean rotatesRefreshTokens() {
    return rotate;
  }

  @Override
  public void failTokenRequests() {
    failing = true;
  }

  @Override
  public String toString() {
    return "InMemoryTokenEndpoint[client " + client.clientId() + ", rotate=" + rotate + "]";
  }

  private static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
