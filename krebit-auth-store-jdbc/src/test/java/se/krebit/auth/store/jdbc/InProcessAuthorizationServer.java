package se.krebit.auth.store.jdbc;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * A strict authorization server in this JVM (after core's {@code RotatingEndpoint}): each consent is
 * a token family; each refresh rotates the family's refresh token; a refresh token presented after
 * it was rotated is {@code invalid_grant} and revokes the family. Serialised, so it judges races as
 * a real server's database would. Thread-safe.
 */
final class InProcessAuthorizationServer implements ClusterAuthorizationServer, TokenEndpoint {
  private final Duration lifetime;
  private final URI redirectUri;
  private final Map<String, String> newestOfSubject = new HashMap<>();
  private final Map<String, Integer> redemptions = new HashMap<>();
  private int invalidGrants;
  private int revokedFamilies;
  private volatile Consumer<String> beforeRefresh = subject -> {};

  InProcessAuthorizationServer(Duration lifetime, URI redirectUri) {
    this.lifetime = lifetime;
    this.redirectUri = redirectUri;
  }

  /** Runs {@code hook} with the subject before each refresh is answered, on the requesting thread. */
  void beforeRefresh(Consumer<String> hook) {
    this.beforeRefresh = hook;
  }

  @Override
  public TokenEndpoint endpoint() {
    return this;
  }

  @Override
  public URI callback(AuthorizationRedirect redirect, String subject) {
    return ClusterAuthorizationServer.redirectWithCode(redirect, redirectUri, ClusterAuthorizationServer.codeFor(subject));
  }

  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    if (grant instanceof RefreshTokenGrant refresh) {
      String subject = subjectOf(refresh.refreshToken().value());
      beforeRefresh.accept(subject);
      return refresh(subject, refresh.refreshToken().value());
    }
    if (grant instanceof AuthorizationCodeGrant code) {
      return signIn(ClusterAuthorizationServer.subjectOf(code.code()));
    }
    throw new IllegalArgumentException("the cluster simulation uses no other grant");
  }

  private synchronized TokenResponse signIn(String subject) {
    return issue(subject);
  }

  private synchronized TokenResponse refresh(String subject, String presented) {
    if (!presented.equals(newestOfSubject.get(subject))) {
      invalidGrants++;
      if (newestOfSubject.remove(subject) != null) {
        revokedFamilies++;
      }
      throw OAuthErrorException.of("invalid_grant", "refresh token reused or revoked", 400, "req-" + UUID.randomUUID());
    }
    redemptions.merge(subject, 1, Integer::sum);
    return issue(subject);
  }

  private TokenResponse issue(String subject) {
    String refreshToken = "rt." + subject + "." + UUID.randomUUID();
    newestOfSubject.put(subject, refreshToken);
    return new TokenResponse("at." + subject + "." + UUID.randomUUID(), lifetime,
        Optional.of(new RefreshToken(refreshToken)), Set.of("read"), Optional.of("req-" + UUID.randomUUID()));
  }

  private static String subjectOf(String refreshToken) {
    return refreshToken.substring(refreshToken.indexOf('.') + 1, refreshToken.lastIndexOf('.'));
  }

  @Override
  public synchronized int refreshRedemptions(String subject) {
    return redemptions.getOrDefault(subject, 0);
  }

  @Override
  public synchronized int invalidGrants() {
    return invalidGrants;
  }

  @Override
  public synchronized int revokedFamilies() {
    return revokedFamilies;
  }

  @Override
  public synchronized String newestRefreshToken(String subject) {
    return newestOfSubject.get(subject);
  }
}
