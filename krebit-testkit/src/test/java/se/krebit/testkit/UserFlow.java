package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.json;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.krebit.testkit.internal.Json;

/**
 * Plays the browser and the client of the authorization-code flow against the fake, over HTTP, one
 * request at a time: redirects are read, never followed.
 */
final class UserFlow {
  static final String CLIENT = "demo-client";
  static final String SECRET = "demo-secret";
  static final String REDIRECT = "http://127.0.0.1:9999/cb";

  private final FakeKrebitServer server;

  UserFlow(FakeKrebitServer server) {
    this.server = server;
  }

  /** {@code GET /oauth/authorize?rawQuery}, the query sent exactly as given. */
  HttpResponse<String> authorize(String rawQuery) {
    return Http.get(URI.create(server.authorizationEndpoint() + "?" + rawQuery));
  }

  /**
   * The query of a valid authorize request of {@link #CLIENT}, plus {@code more} (already encoded).
   */
  static String query(String more) {
    return "client_id="
        + CLIENT
        + "&redirect_uri="
        + encode(REDIRECT)
        + "&response_type=code"
        + (more.isEmpty() ? "" : "&" + more);
  }

  /**
   * Asks for a code with {@code more} query parameters; asserts the redirect and returns the code.
   */
  String code(String more) {
    HttpResponse<String> response = authorize(query(more));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return callback(response).get("code");
  }

  String code() {
    return code("state=s");
  }

  /**
   * The query parameters of a redirect's {@code Location}, decoded, which must start with {@link
   * #REDIRECT}.
   */
  static Map<String, String> callback(HttpResponse<String> redirect) {
    String location = location(redirect);
    assertThat(location).startsWith(REDIRECT + "?");
    Map<String, String> parameters = new LinkedHashMap<>();
    URLUtils.parseParameters(URI.create(location).getRawQuery())
        .forEach(
            (name, values) -> {
              assertThat(values).as(name).hasSize(1);
              parameters.put(name, values.get(0));
            });
    return parameters;
  }

  static String location(HttpResponse<String> redirect) {
    return redirect
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location"));
  }

  /**
   * Redeems {@code code} as {@link #CLIENT} with the JSON body the guide shows, plus a verifier if
   * given.
   */
  HttpResponse<String> redeem(String code, Optional<String> verifier) {
    return redeemAs(CLIENT, SECRET, code, REDIRECT, verifier);
  }

  HttpResponse<String> redeemAs(
      String clientId, String secret, String code, String redirectUri, Optional<String> verifier) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("client_id", clientId);
    body.put("client_secret", secret);
    body.put("redirect_uri", redirectUri);
    body.put("code", code);
    verifier.ifPresent(v -> body.put("code_verifier", v));
    return Http.postJson(server.tokenEndpoint(), Json.write(body));
  }

  /** Refreshes as {@link #CLIENT} with the JSON body the guide shows. */
  HttpResponse<String> refresh(String refreshToken) {
    return refreshAs(CLIENT, SECRET, refreshToken);
  }

  HttpResponse<String> refreshAs(String clientId, String secret, String refreshToken) {
    return refresh(clientId, secret, refreshToken, Optional.empty());
  }

  /** Refreshes as {@link #CLIENT}, asking for {@code scope}. */
  HttpResponse<String> refreshWithScope(String refreshToken, String scope) {
    return refresh(CLIENT, SECRET, refreshToken, Optional.of(scope));
  }

  private HttpResponse<String> refresh(
      String clientId, String secret, String refreshToken, Optional<String> scope) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("client_id", clientId);
    body.put("client_secret", secret);
    body.put("refresh_token", refreshToken);
    scope.ifPresent(s -> body.put("scope", s));
    return Http.postJson(server.tokenEndpoint(), Json.write(body));
  }

  /** Signs a user in: a code for the scripted consent, redeemed; asserts success. */
  Tokens signIn() {
    return Tokens.of(redeem(code(), Optional.empty()));
  }

  /** {@code GET /api/1.0/me} with {@code accessToken}. */
  HttpResponse<String> me(String accessToken) {
    return Http.get(server.apiBaseUri().resolve("me"), "Bearer " + accessToken);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }

  /** A successful token response. */
  record Tokens(String accessToken, Optional<String> refreshToken, Optional<String> scope) {
    static Tokens of(HttpResponse<String> response) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Map<String, Object> json = json(response);
      return new Tokens(
          (String) json.get("access_token"),
          Optional.ofNullable((String) json.get("refresh_token")),
          Optional.ofNullable((String) json.get("scope")));
    }

    String refresh() {
      return refreshToken.orElseThrow(() -> new AssertionError("no refresh token"));
    }
  }

  /** The OAuth error of a refused token request, after checking its status. */
  static String error(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return (String) json(response).get("error");
  }
}
