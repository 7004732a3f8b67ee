package se.krebit.testkit;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.testkit.internal.Json;

/**
 * A bare-bones {@link TokenEndpoint} on the JDK's HTTP client, for running core's flows against the
 * fake in these tests without the Feign module: the guide's JSON requests for all three grants. No
 * retries: the flows' own behaviour shows.
 */
final class JdkTokenEndpoint implements TokenEndpoint {
  private final URI uri;

  JdkTokenEndpoint(URI uri) {
    this.uri = uri;
  }

  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    HttpResponse<String> response;
    try {
      response =
          Http.sendOrThrow(
              HttpRequest.newBuilder(uri)
                  .timeout(Http.TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(client, grant)))));
    } catch (IOException e) {
      throw new TokenEndpointUnavailableException(
          "no response from the token endpoint", 0, null, null, e);
    }
    String requestId = response.headers().firstValue("request_id").orElse(null);
    if (response.statusCode() >= 500) {
      throw new TokenEndpointUnavailableException(
          "HTTP " + response.statusCode(), response.statusCode(), null, requestId, null);
    }
    Map<String, Object> json = parse(response.body());
    if (response.statusCode() != 200) {
      throw OAuthErrorException.of(
          (String) json.get("error"),
          (String) json.get("error_description"),
          response.statusCode(),
          requestId);
    }
    return new TokenResponse(
        (String) json.get("access_token"),
        Duration.ofSeconds(((Number) json.get("expires_in")).longValue()),
        Optional.ofNullable((String) json.get("refresh_token")).map(RefreshToken::new),
        Optional.ofNullable((String) json.get("scope"))
            .map(s -> Set.of(s.split(" ")))
            .orElse(Set.of()),
        Optional.ofNullable(requestId));
  }

  private static Map<String, Object> body(ClientCredentials client, Grant grant) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", grant.grantType());
    body.put("client_id", client.clientId());
    body.put("client_secret", client.secret().reveal());
    if (grant instanceof AuthorizationCodeGrant code) {
      body.put("code", code.code());
      body.put("redirect_uri", code.redirectUri().toString());
      code.codeVerifier().ifPresent(verifier -> body.put("code_verifier", verifier));
    } else if (grant instanceof RefreshTokenGrant refresh) {
      body.put("refresh_token", refresh.refreshToken().value());
      if (!refresh.scope().isEmpty()) {
        body.put("scope", String.join(" ", refresh.scope()));
      }
    }
    return body;
  }

  private static Map<String, Object> parse(String body) {
    try {
      return JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
