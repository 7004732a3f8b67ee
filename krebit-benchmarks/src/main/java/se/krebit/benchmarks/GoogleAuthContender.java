package se.krebit.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * google-auth-library-oauth2-http's {@link OAuth2Credentials}, the base of every Google credential
 * (service account, user, impersonated), with {@code refreshAccessToken()} answered by a {@link
 * TokenServerStub} instead of Google's token endpoint.
 *
 * <p>Its defaults are kept: a token is stale (refreshed by the caller that notices) from 3 min 45 s
 * before expiry and expired from 3 min before it.
 */
public final class GoogleAuthContender {
  /** The URI callers pass to {@code getRequestMetadata}; the base class ignores it. */
  public static final URI API = URI.create("https://acme.krebit.se/api/1.0/me");

  private GoogleAuthContender() {}

  /** Credentials with no token yet: the first caller refreshes. */
  public static OAuth2Credentials credentials(TokenServerStub server) {
    return new StubbedCredentials(server);
  }

  /** The bearer value a caller gets, as an HTTP interceptor would read it. */
  public static String token(OAuth2Credentials credentials) throws java.io.IOException {
    Map<String, List<String>> metadata = credentials.getRequestMetadata(API);
    return metadata.get("Authorization").get(0).substring("Bearer ".length());
  }

  private static final class StubbedCredentials extends OAuth2Credentials {
    private static final long serialVersionUID = 1L;

    // Not serializable, and never serialized: these credentials live only inside one benchmark run.
    private final transient TokenServerStub server;

    StubbedCredentials(TokenServerStub server) {
      this.server = server;
    }

    @Override
    public AccessToken refreshAccessToken() {
      long askedAt = System.currentTimeMillis();
      TokenServerStub.Issued issued = server.issue();
      return AccessToken.newBuilder()
          .setTokenValue(issued.value())
          .setExpirationTime(new Date(askedAt + issued.lifetime().toMillis()))
          .build();
    }
  }
}
