package se.krebit.auth.store.jdbc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.spi.TokenEndpoint;

/**
 * The authorization server a simulated cluster signs users in with and refreshes against, strict as
 * real servers are: refresh tokens rotate, and presenting one that was already rotated is
 * {@code invalid_grant} and revokes its whole family.
 *
 * <p>This is the seam where the test kit's fake Krebit server (over HTTP, through
 * {@code FeignTokenEndpoint}) replaces the in-process servers: {@link #endpoint()} becomes the Feign
 * endpoint at the fake's tenant, {@link #callback} follows the authorize URL to the fake's redirect,
 * and the counts come from the fake's journal.
 */
interface ClusterAuthorizationServer {
  /** The token endpoint every node of the cluster uses. */
  TokenEndpoint endpoint();

  /** Plays the browser and the consenting user: the callback URI that completes {@code redirect} for {@code subject}. */
  URI callback(AuthorizationRedirect redirect, String subject);

  /** How many times {@code subject}'s refresh tokens were redeemed successfully. */
  int refreshRedemptions(String subject);

  /** How many refresh requests were refused with {@code invalid_grant}. */
  int invalidGrants();

  /** How many token families were revoked because a rotated refresh token was presented again. */
  int revokedFamilies();

  /** The refresh token the server would accept next for {@code subject}. */
  String newestRefreshToken(String subject);

  /** The code the in-process servers issue for {@code subject}'s consent. */
  static String codeFor(String subject) {
    return "code-" + subject;
  }

  /** The subject whose consent issued {@code code}. */
  static String subjectOf(String code) {
    return code.substring("code-".length());
  }

  /** The redirect back to the application with {@code code} and the request's own {@code state}. */
  static URI redirectWithCode(AuthorizationRedirect redirect, URI redirectUri, String code) {
    String state = null;
    for (String parameter : redirect.uri().getRawQuery().split("&")) {
      if (parameter.startsWith("state=")) {
        state = URLDecoder.decode(parameter.substring("state=".length()), StandardCharsets.UTF_8);
      }
    }
    if (state == null) {
      throw new IllegalArgumentException("the authorize URL carries no state");
    }
    return URI.create(redirectUri + "?code=" + code + "&state=" + state);
  }
}
