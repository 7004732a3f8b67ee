package se.krebit.auth.feign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.testing.SettableClock;

/**
 * The library against a standard OAuth 2.0 authorization server it was not written for: navikt's
 * {@code mock-oauth2-server} from Maven Central, in-process on loopback, with its own token and
 * authorize URLs, form-encoded token requests and HTTP Basic client authentication. Client
 * credentials, the authorization code with PKCE (which that server verifies) through its authorize
 * endpoint, and refresh with rotation (turned on in its configuration) all go through; the requests
 * it received are checked as it recorded them.
 */
class StandardAuthorizationServerIT {
  private static final String ISSUER = "krebit-interop";
  private static final URI CALLBACK = URI.create("http://127.0.0.1:8765/callback");
  private static final ClientCredentials CLIENT =
      ClientCredentials.of("interop-client", "interop: s3cret/é");

  private static MockOAuth2Server server;
  private static Tenant tenant;

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final SettableClock clock = SettableClock.startingNow();

  @BeforeAll
  static void startTheServer() {
    server =
        new MockOAuth2Server(new OAuth2Config(false, null, null, true)); // rotate refresh tokens
    server.start(InetAddress.getLoopbackAddress(), 0);
    tenant =
        standardServer(
            URI.create(server.baseUrl().toString()),
            server.tokenEndpointUrl(ISSUER).uri(),
            server.authorizationEndpointUrl(ISSUER).uri());
  }

  // README:begin standard-server
  /** Any OAuth 2.0 server, by its own URLs (Keycloak's are …/protocol/openid-connect/token and …/auth). */
  static Tenant standardServer(URI base, URI tokenUrl, URI authorizeUrl) {
    return Tenant.at(base).withTokenEndpoint(tokenUrl).withAuthorizationEndpoint(authorizeUrl);
  }

  static FeignTokenEndpoint formWithBasic(Tenant server) {
    return FeignTokenEndpoint.builder()
        .tenant(server)
        .requestFormat(RequestFormat.FORM)                  // application/x-www-form-urlencoded
        .clientAuthentication(ClientAuthentication.BASIC)   // client_secret_basic
        .build();
  }
  // README:end standard-server

  @AfterAll
  static void stopTheServer() {
    server.shutdown();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    while (next(10) != null) {
      // drained: each test reads only the requests it made
    }
  }

  private static FeignTokenEndpoint endpoint() {
    return formWithBasic(tenant);
  }

  @Test
  void clientCredentialsWithBasicAuthentication() throws Exception {
    AccessToken token =
        ClientCredentialsTokenSource.builder().endpoint(endpoint()).client(CLIENT).build().token();

    assertThat(SignedJWT.parse(token.value()).getJWTClaimsSet().getSubject())
        .as("the server read the client id from the Basic header")
        .isEqualTo(CLIENT.clientId());
    RecordedRequest request = tokenRequests().get(0);
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/" + ISSUER + "/token");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(basicCredentials(request))
        .containsExactly(CLIENT.clientId(), CLIENT.secret().reveal());
    assertThat(form(request))
        .containsOnlyKeys("grant_type")
        .containsEntry("grant_type", "client_credentials");
  }

  @Test
  void authorizationCodeWithPkceThroughItsOwnAuthorizeUrlThenRefreshWithRotation()
      throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    AuthorizationCodeFlow flow = flow(store);

    // the flow's one registered redirect URI, by default
    AuthorizationRedirect redirect = flow.begin("alice", Set.of("openid"), Optional.empty());
    assertThat(redirect.uri().toString())
        .startsWith(server.authorizationEndpointUrl(ISSUER).toString());
    flow.complete(signIn(redirect.uri()));
    AccessToken first = flow.forSubject("alice").token();
    RefreshToken firstRefresh = storedRefreshToken(store);

    RecordedRequest exchange = tokenRequests().get(0);
    assertThat(basicCredentials(exchange))
        .containsExactly(CLIENT.clientId(), CLIENT.secret().reveal());
    assertThat(form(exchange))
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("redirect_uri", CALLBACK.toString())
        .containsKeys("code", "code_verifier")
        .doesNotContainKeys("client_id", "client_secret");

    clock.advance(Duration.ofHours(2)); // past the token's expiry, on the flow's clock
    AccessToken second = flow.forSubject("alice").token();
    RefreshToken secondRefresh = storedRefreshToken(store);

    assertThat(second.value()).isNotEqualTo(first.value());
    assertThat(secondRefresh)
        .as("the server rotated the refresh token, and the flow stored the new one")
        .isNotEqualTo(firstRefresh);
    RecordedRequest refresh = tokenRequests().get(0);
    assertThat(basicCredentials(refresh))
        .containsExactly(CLIENT.clientId(), CLIENT.secret().reveal());
    assertThat(form(refresh))
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", firstRefresh.value())
        .doesNotContainKeys("client_id", "client_secret");
  }

  /** The server checks PKCE, so the sign-in above proves the verifier the flow sent was right. */
  @Test
  void theServerRefusesACodeWithTheWrongVerifier() throws Exception {
    AuthorizationRedirect redirect =
        flow(new InMemoryTokenStore()).begin(CALLBACK, "bob", Set.of("openid"), Optional.empty());
    String code = query(signIn(redirect.uri())).get("code");

    assertThatThrownBy(
            () ->
                endpoint()
                    .exchange(
                        CLIENT,
                        new AuthorizationCodeGrant(code, CALLBACK, Optional.of("x".repeat(43)))))
        .isInstanceOf(InvalidGrantException.class);
  }

  private AuthorizationCodeFlow flow(InMemoryTokenStore store) {
    return AuthorizationCodeFlow.builder()
        .tenant(tenant)
        .client(CLIENT)
        .endpoint(endpoint())
        .redirectUri(CALLBACK)
        .tokenStore(store)
        .clock(clock)
        .refreshPolicy(RefreshPolicy.custom().jitter(0).build())
        .build();
  }

  /**
   * The browser at the server's authorize URL, which signs in at once and redirects to the
   * callback.
   */
  private URI signIn(URI authorize) throws Exception {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    URI callback = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(CALLBACK + "?");
    return callback;
  }

  private static RefreshToken storedRefreshToken(InMemoryTokenStore store) {
    return store
        .load(TokenKey.of(tenant, CLIENT, "alice"))
        .orElseThrow()
        .tokens()
        .refreshToken()
        .orElseThrow();
  }

  /** The token requests the server received since the last call, newest first. */
  private static List<RecordedRequest> tokenRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r; (r = next(100)) != null; ) {
      if (r.getRequestUrl().encodedPath().endsWith("/token")) {
        requests.add(0, r);
      }
    }
    assertThat(requests).isNotEmpty();
    return requests;
  }

  /** The next request the server recorded, or null when none comes within {@code millis}. */
  private static @Nullable RecordedRequest next(long millis) {
    try {
      return server.takeRequest(millis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) { // its way of saying that none came in time
      return null;
    }
  }

  /**
   * The id and secret of the Basic header, decoded as RFC 6749 §2.3.1 says: Base64, then
   * form-decoding.
   */
  private static List<String> basicCredentials(RecordedRequest request) {
    String header = request.getHeader("Authorization");
    assertThat(header).startsWith("Basic ");
    String pair = new String(Base64.getDecoder().decode(header.substring(6)), UTF_8);
    int colon = pair.indexOf(':');
    return List.of(
        URLDecoder.decode(pair.substring(0, colon), UTF_8),
        URLDecoder.decode(pair.substring(colon + 1), UTF_8));
  }

  private static Map<String, String> form(RecordedRequest request) {
    return decode(request.getBody().readUtf8());
  }

  private static Map<String, String> query(URI uri) {
    return decode(uri.getRawQuery());
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      parameters.put(
          URLDecoder.decode(pair.substring(0, eq), UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), UTF_8));
    }
    return parameters;
  }
}
