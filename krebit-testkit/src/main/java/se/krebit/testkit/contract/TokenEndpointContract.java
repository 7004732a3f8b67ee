package se.krebit.testkit.contract;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.KrebitException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * What every {@link TokenEndpoint} must do against a conforming authorization server: the client
 * credentials grant; the authorization code with its PKCE verifier, redeemed once; refresh, with
 * the server's rotation or without; the server's refusals as typed OAuth errors ({@link
 * InvalidClientException}, {@link InvalidGrantException}, not retryable); a server error as a
 * retryable {@link TokenEndpointUnavailableException}; and no secret, code, verifier or token in
 * any exception message or {@code toString()}.
 *
 * <pre>{@code
 * class MyEndpointContractIT extends TokenEndpointContract {
 *   @Override
 *   protected AuthorizationServer server() {
 *     return FakeAuthorizationServer.of(fake, "contract-client", ...);
 *   }
 *
 *   @Override
 *   protected TokenEndpoint endpoint(AuthorizationServer server) {
 *     return MyEndpoint.at(fake.tokenEndpoint());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #server()} and {@link #endpoint} are called once per test, from inside it. A case that
 * a server can't play (one that accepts any client secret, say) is overridden in its suite with a
 * test of what that server does instead, and the reason.
 */
public abstract class TokenEndpointContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  private @Nullable AuthorizationServer server;
  private @Nullable TokenEndpoint endpoint;

  /**
   * The authorization server side that the suite drives: one registered confidential client, a user
   * who consents, and a way to make it fail.
   */
  public interface AuthorizationServer {
    /** The registered client: its id and its right secret. */
    ClientCredentials client();

    /** A redirect URI registered for {@link #client()}. */
    URI redirectUri();

    /**
     * Has a user consent to an authorize request of {@link #client()} to {@link #redirectUri()}
     * with the PKCE S256 {@code codeChallenge}, and returns the code of the callback.
     */
    String authorize(String codeChallenge);

    /**
     * Whether redeeming a refresh token replaces it with a new one (rotation), or keeps it valid.
     */
    boolean rotatesRefreshTokens();

    /** Makes every token request from now on fail with HTTP 503. */
    void failTokenRequests();

    /**
     * The browser's step for servers that consent at once: sends the authorize request of {@code
     * clientId} with the PKCE S256 {@code codeChallenge} (and {@code scope}, unless empty) to
     * {@code authorizeEndpoint}, requires a redirect to {@code redirectUri}, and returns its {@code
     * code}.
     */
    static String authorizeAtOnce(
        URI authorizeEndpoint,
        String clientId,
        URI redirectUri,
        String codeChallenge,
        String scope) {
      URI authorizeRequest =
          URI.create(
              authorizeEndpoint
                  + "?response_type=code&state=contract&client_id="
                  + encode(clientId)
                  + "&redirect_uri="
                  + encode(redirectUri.toString())
                  + "&code_challenge="
                  + encode(codeChallenge)
                  + "&code_challenge_method=S256"
                  + (scope.isEmpty() ? "" : "&scope=" + encode(scope)));
      HttpResponse<String> response;
      try {
        response =
            BROWSER.send(
                HttpRequest.newBuilder(authorizeRequest).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException("the authorize endpoint did not answer", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      String location = response.headers().firstValue("Location").orElse("");
      if (response.statusCode() != 302 || !location.startsWith(redirectUri + "?")) {
        throw new AssertionError(
            "the authorize request was not approved: HTTP "
                + response.statusCode()
                + " "
                + location);
      }
      for (String pair : URI.create(location).getRawQuery().split("&")) {
        if (pair.startsWith("code=")) {
          return URLDecoder.decode(pair.substring(5), UTF_8);
        }
      }
      throw new AssertionError("the callback has no code: " + location);
    }
  }

  /** A browser that reads redirects and never follows them. */
  private static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The server of this test. */
  protected abstract AuthorizationServer server();

  /** The endpoint to test, sending its requests to {@code server}'s token endpoint. */
  protected abstract TokenEndpoint endpoint(AuthorizationServer server);

  /** The server of this test, made on first use. */
  protected final AuthorizationServer authorizationServer() {
    if (server == null) {
      server = server();
    }
    return server;
  }

  /** The endpoint of this test, made on first use. */
  protected final TokenEndpoint subject() {
    if (endpoint == null) {
      endpoint = endpoint(authorizationServer());
    }
    return endpoint;
  }

  /** The client of this test. */
  protected final ClientCredentials client() {
    return authorizationServer().client();
  }

  @Test
  protected void clientCredentialsGiveAnAccessToken() {
    TokenResponse response = subject().exchange(client(), new ClientCredentialsGrant(Set.of()));

    assertFalse(response.accessToken().isEmpty());
    assertTrue(response.expiresIn().compareTo(Duration.ZERO) > 0);
    assertNoSecretIn(response.toString(), response.accessToken());
  }

  @Test
  protected void aWrongSecretIsInvalidClient() {
    ClientCredentials wrong =
        ClientCredentials.of(client().clientId(), client().secret().reveal() + "-wrong");

    refused(
        InvalidClientException.class,
        () -> subject().exchange(wrong, new ClientCredentialsGrant(Set.of())),
        wrong.secret().reveal(),
        client().secret().reveal());
  }

  @Test
  protected void anUnknownClientIsInvalidClient() {
    ClientCredentials unknown =
        ClientCredentials.of("no-such-client-" + random(8), "secret-" + random(16));

    refused(
        InvalidClientException.class,
        () -> subject().exchange(unknown, new ClientCredentialsGrant(Set.of())),
        unknown.secret().reveal());
  }

  @Test
  protected void anAuthorizationCodeWithItsVerifierGivesAccessAndRefreshTokens() {
    String verifier = verifier();
    String code = authorizationServer().authorize(challenge(verifier));

    TokenResponse response = subject().exchange(client(), codeGrant(code, Optional.of(verifier)));

    assertFalse(response.accessToken().isEmpty());
    assertTrue(response.expiresIn().compareTo(Duration.ZERO) > 0);
    RefreshToken refresh =
        response.refreshToken().orElseThrow(() -> new AssertionError("no refresh token"));
    assertNoSecretIn(response.toString(), response.accessToken(), refresh.value());
    assertNoSecretIn(codeGrant(code, Optional.of(verifier)).toString(), code, verifier);
  }

  @Test
  protected void aWrongVerifierIsInvalidGrant() {
    String code = authorizationServer().authorize(challenge(verifier()));
    String wrong = verifier();

    redeemingIsRefused(code, wrong);
  }

  @Test
  protected void aCodeIsRedeemedOnce() {
    String verifier = verifier();
    String code = authorizationServer().authorize(challenge(verifier));
    subject().exchange(client(), codeGrant(code, Optional.of(verifier)));

    redeemingIsRefused(code, verifier);
  }

  @Test
  protected void anUnknownCodeIsInvalidGrant() {
    String code = "no-such-code-" + random(16);

    redeemingIsRefused(code, verifier());
  }

  @Test
  protected void refreshGivesANewAccessTokenAndRotatesOrKeepsTheRefreshTokenAsTheServerDoes() {
    TokenResponse first = signIn();
    RefreshToken refresh = first.refreshToken().orElseThrow();

    TokenResponse second = subject().exchange(client(), new RefreshTokenGrant(refresh, Set.of()));

    assertNotEquals(first.accessToken(), second.accessToken());
    assertNoSecretIn(second.toString(), second.accessToken(), refresh.value());
    if (authorizationServer().rotatesRefreshTokens()) {
      RefreshToken rotated =
          second
              .refreshToken()
              .orElseThrow(() -> new AssertionError("rotation without a new refresh token"));
      assertNotEquals(refresh, rotated);
      assertNotEquals(
          second.accessToken(),
          subject().exchange(client(), new RefreshTokenGrant(rotated, Set.of())).accessToken());
    } else {
      second
          .refreshToken()
          .ifPresent(kept -> assertEquals(refresh, kept, "the server keeps refresh tokens"));
      assertFalse(
          subject()
              .exchange(client(), new RefreshTokenGrant(refresh, Set.of()))
              .accessToken()
              .isEmpty());
    }
  }

  @Test
  protected void aReplacedRefreshTokenIsInvalidGrant() {
    TokenResponse first = signIn();
    RefreshToken refresh = first.refreshToken().orElseThrow();
    subject().exchange(client(), new RefreshTokenGrant(refresh, Set.of()));

    if (authorizationServer().rotatesRefreshTokens()) {
      refused(
          InvalidGrantException.class,
          () -> subject().exchange(client(), new RefreshTokenGrant(refresh, Set.of())),
          refresh.value(),
          client().secret().reveal());
    } else {
      assertFalse(
          subject()
              .exchange(client(), new RefreshTokenGrant(refresh, Set.of()))
              .accessToken()
              .isEmpty(),
          "a server that keeps refresh tokens refused one it had kept");
    }
  }

  @Test
  protected void anUnknownRefreshTokenIsInvalidGrant() {
    RefreshToken unknown = new RefreshToken("no-such-refresh-token-" + random(16));

    refused(
        InvalidGrantException.class,
        () -> subject().exchange(client(), new RefreshTokenGrant(unknown, Set.of())),
        unknown.value(),
        client().secret().reveal());
  }

  @Test
  protected void aServerErrorIsARetryableUnavailableEndpoint() {
    TokenEndpoint endpoint = subject();
    authorizationServer().failTokenRequests();

    TokenEndpointUnavailableException e =
        assertThrows(
            TokenEndpointUnavailableException.class,
            () -> endpoint.exchange(client(), new ClientCredentialsGrant(Set.of())));

    assertTrue(e.isRetryable());
    e.httpStatus().ifPresent(status -> assertEquals(503, status));
    assertNoSecretIn(e, client().secret().reveal());
  }

  @Test
  protected void credentialsAndGrantsNeverShowTheirSecrets() {
    String verifier = verifier();
    RefreshToken refresh = new RefreshToken("refresh-" + random(16));

    assertNoSecretIn(client().toString(), client().secret().reveal());
    assertNoSecretIn(codeGrant("code-" + random(16), Optional.of(verifier)).toString(), verifier);
    assertNoSecretIn(new RefreshTokenGrant(refresh, Set.of()).toString(), refresh.value());
    assertNoSecretIn(subject().toString(), client().secret().reveal());
  }

  /** Signs a user in with PKCE: the tokens of a fresh code. */
  protected final TokenResponse signIn() {
    String verifier = verifier();
    String code = authorizationServer().authorize(challenge(verifier));
    TokenResponse response = subject().exchange(client(), codeGrant(code, Optional.of(verifier)));
    assertTrue(response.refreshToken().isPresent(), "sign-in gave no refresh token");
    return response;
  }

  /** Asserts that redeeming {@code code} with {@code verifier} is an unretryable invalid grant. */
  private void redeemingIsRefused(String code, String verifier) {
    refused(
        InvalidGrantException.class,
        () -> subject().exchange(client(), codeGrant(code, Optional.of(verifier))),
        code,
        verifier,
        client().secret().reveal());
  }

  private AuthorizationCodeGrant codeGrant(String code, Optional<String> verifier) {
    return new AuthorizationCodeGrant(code, authorizationServer().redirectUri(), verifier);
  }

  /**
   * Asserts that {@code call} fails with {@code type}, not retryable, and that no {@code secrets}
   * show in the exception, its causes, or their messages.
   */
  protected static <T extends KrebitException> T refused(
      Class<T> type, Executable call, String... secrets) {
    Throwable thrown = assertThrows(Throwable.class, call);
    T e =
        assertInstanceOf(
            type, thrown, () -> "expected " + type.getSimpleName() + ", got " + thrown);
    assertFalse(e.isRetryable(), () -> "a refusal is reported retryable: " + e);
    assertNoSecretIn(e, secrets);
    return e;
  }

  /**
   * Asserts that no {@code secrets} show in {@code e}, its causes, their messages or suppressed
   * ones.
   */
  protected static void assertNoSecretIn(Throwable e, String... secrets) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertNoSecretIn(t + " " + t.getMessage(), secrets);
      for (Throwable suppressed : t.getSuppressed()) {
        assertNoSecretIn(suppressed, secrets);
      }
    }
  }

  private static void assertNoSecretIn(String text, String... secrets) {
    for (String secret : List.of(secrets)) {
      assertFalse(
          text.contains(secret), () -> "shows a secret: " + text.replace(secret, "<the secret>"));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }

  /** A fresh PKCE verifier: 43 characters of base64url, 256 bits. */
  protected static String verifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The S256 {@code code_challenge} of {@code verifier} (RFC 7636 §4.2). */
  protected static String challenge(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
