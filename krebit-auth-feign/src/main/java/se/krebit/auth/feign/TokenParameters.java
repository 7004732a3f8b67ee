package se.krebit.auth.feign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;

/**
 * The parameters of a token request, in the order the Krebit guide writes them: {@code grant_type},
 * {@code client_id}, {@code client_secret} (unless the client authenticates otherwise), then the
 * grant's own fields. Both body formats serialize this one map, so JSON and form requests never
 * drift apart.
 */
final class TokenParameters {
  static final String GRANT_TYPE = "grant_type";
  static final String CLIENT_ID = "client_id";
  static final String CLIENT_SECRET = "client_secret";
  static final String REDIRECT_URI = "redirect_uri";
  static final String CODE = "code";
  static final String CODE_VERIFIER = "code_verifier";
  static final String REFRESH_TOKEN = "refresh_token";
  static final String SCOPE = "scope";

  private TokenParameters() {}

  /**
   * The ordered parameters; the map may hold the client secret, so it must only reach the wire.
   *
   * @param credentialsInBody whether {@code client_id} and {@code client_secret} go in the body;
   *     RFC 6749 §2.3.1 allows one client authentication method per request
   */
  static Map<String, String> of(ClientCredentials client, Grant grant, boolean credentialsInBody) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(GRANT_TYPE, grant.grantType());
    if (credentialsInBody) {
      parameters.put(CLIENT_ID, client.clientId());
      parameters.put(CLIENT_SECRET, client.secret().reveal());
    }
    // Java 17 has no pattern switch; Grant is sealed, so these three branches are all there is.
    if (grant instanceof ClientCredentialsGrant credentials) {
      putScope(parameters, credentials.scope());
    } else if (grant instanceof AuthorizationCodeGrant code) {
      parameters.put(REDIRECT_URI, code.redirectUri().toString());
      parameters.put(CODE, code.code());
      code.codeVerifier().ifPresent(verifier -> parameters.put(CODE_VERIFIER, verifier));
    } else if (grant instanceof RefreshTokenGrant refresh) {
      parameters.put(REFRESH_TOKEN, refresh.refreshToken().value());
      putScope(parameters, refresh.scope());
    } else {
      throw new IllegalArgumentException("unknown grant type " + grant.getClass().getName());
    }
    return Collections.unmodifiableMap(parameters);
  }

  /** Space-separated (RFC 6749 §3.3), sorted so the same scope always gives the same body. */
  private static void putScope(Map<String, String> parameters, Set<String> scope) {
    if (!scope.isEmpty()) {
      parameters.put(SCOPE, String.join(" ", new TreeSet<>(scope)));
    }
  }
}
