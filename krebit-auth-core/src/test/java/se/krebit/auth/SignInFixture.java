package se.krebit.auth;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * What tests of users' tokens share: client {@code web-app} of tenant {@code acme}, whose users
 * sign in and come back at one callback, and another node working on the same store.
 */
final class SignInFixture {
  static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
  static final Tenant TENANT = Tenant.organization("acme");
  static final ClientCredentials CLIENT = ClientCredentials.of("web-app", "s3cret");

  private SignInFixture() {}

  /** A flow of this client on {@code endpoint}, its users returning to {@link #CALLBACK}. */
  static AuthorizationCodeFlow.Builder flowOn(TokenEndpoint endpoint) {
    return AuthorizationCodeFlow.builder()
        .tenant(TENANT)
        .client(CLIENT)
        .endpoint(endpoint)
        .redirectUri(CALLBACK);
  }

  /** Begins a sign-in of {@code subject}: the state its authorization request carries. */
  static String beginSignIn(AuthorizationCodeFlow flow, String subject) {
    URI authorize = flow.begin(CALLBACK, subject).uri();
    return URLUtils.parseParameters(authorize.getRawQuery()).get("state").get(0);
  }

  /** Signs {@code subject} in as the server's callback with {@code code} would. */
  static void signIn(AuthorizationCodeFlow flow, String subject, String code) {
    String state = beginSignIn(flow, subject);
    flow.complete(URI.create(CALLBACK + "?code=" + code + "&state=" + state));
  }

  /** Signs {@code subject} in with code {@code code-}<i>subject</i>. */
  static void signIn(AuthorizationCodeFlow flow, String subject) {
    signIn(flow, subject, "code-" + subject);
  }

  /** Another node, {@code node}, takes the refresh lease of {@code key} until {@code until}. */
  static void leaseToAnotherNode(TokenStore store, TokenKey key, String node, Instant until) {
    StoredTokens stored = store.load(key).orElseThrow();
    store
        .compareAndSet(
            key, stored.version(), stored.record().leasedTo(new RefreshLease(node, until)))
        .orElseThrow();
  }

  /**
   * Another node stores the access token it obtained at {@code now}, valid for an hour, keeping the
   * refresh token (and ending its lease): that token.
   */
  static AccessToken anotherNodeRefreshed(TokenStore store, TokenKey key, Instant now) {
    StoredTokens leased = store.load(key).orElseThrow();
    AccessToken newer = new AccessToken("newer", AccessToken.BEARER, now.plusSeconds(3600));
    store
        .compareAndSet(
            key,
            leased.version(),
            TokenRecord.of(new TokenSet(newer, leased.tokens().refreshToken(), Set.of(), now)))
        .orElseThrow();
    return newer;
  }
}
