package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import se.krebit.auth.AccessToken;
import se.krebit.auth.Fingerprint;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedTokenRequest;
import se.krebit.testkit.RefreshTokenRotation;
import se.krebit.testkit.RegisteredApp;
import se.krebit.testkit.RequestJournal;

/**
 * The authorization server a simulated cluster signs users in with and refreshes against: the test
 * kit's {@link FakeKrebitServer}, in this JVM, reached over HTTP through {@link
 * FeignTokenEndpoint}. It is strict as Krebit is: refresh tokens rotate, and presenting one that
 * was already rotated is {@code invalid_grant} and revokes its whole token family (no reuse grace).
 * Its clock is the cluster's, so tokens expire on the fake exactly when they do on the nodes.
 *
 * <p>Each subject consents as a fake user of the same id, so the fake's journal counts per subject:
 * refresh redemptions, refusals, and which refresh token it issued last.
 */
final class ClusterAuthorizationServer implements AutoCloseable {
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(10);

  private final FakeKrebitServer krebit;
  private final HttpClient browser =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(BROWSER_TIMEOUT)
          .build();

  private ClusterAuthorizationServer(FakeKrebitServer krebit) {
    this.krebit = krebit;
  }

  /**
   * Starts the fake on a free loopback port, issuing access tokens that live {@code tokenLifetime}
   * on {@code clock}.
   */
  static ClusterAuthorizationServer start(SettableClock clock, Duration tokenLifetime) {
    FakeKrebitServer krebit =
        FakeKrebitServer.builder()
            .app(
                new RegisteredApp(
                    ClusterNode.CLIENT.clientId(), ClusterNode.CLIENT.secret(), Set.of()))
            .redirectUri(ClusterNode.CLIENT.clientId(), ClusterNode.REDIRECT.toString())
            .tokenLifetime(tokenLifetime)
            .clock(clock)
            .refreshTokenRotation(RefreshTokenRotation.ROTATE)
            .refreshReuseGrace(Duration.ZERO)
            .build();
    return new ClusterAuthorizationServer(krebit.start());
  }

  /** The tenant the nodes are configured with: the fake's base URI. */
  Tenant tenant() {
    return krebit.tenant();
  }

  /**
   * A token endpoint of its own, for one node: the Feign transport to the fake's {@code
   * /oauth/token}.
   */
  TokenEndpoint endpoint() {
    return FeignTokenEndpoint.builder().tenant(tenant()).build();
  }

  /**
   * Plays the browser and the consenting user: {@code subject} approves, the browser visits {@code
   * authorizeUri} (where a node's {@code begin} sent it), and the fake's redirect back to the
   * application is the callback URI returned. Serialised, so each consent goes to its own request.
   */
  synchronized URI callback(URI authorizeUri, String subject) {
    krebit.consent().approveNextAs(subject, Set.of());
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(authorizeUri).timeout(BROWSER_TIMEOUT).build());
    assertThat(response.statusCode())
        .as("the fake's answer to the authorize URL: %s", response.body())
        .isEqualTo(302);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  /** How many times the fake redeemed {@code subject}'s refresh tokens. */
  int refreshRedemptions(String subject) {
    return krebit.journal().refreshRedemptionsOfUser(subject);
  }

  /**
   * How many of {@code subject}'s authorization codes the fake redeemed: token families it started.
   */
  long signIns(String subject) {
    return krebit.journal().tokenRequests().stream()
        .filter(
            r -> r.issuedToken() && r.grantType().filter("authorization_code"::equals).isPresent())
        .filter(r -> r.userId().filter(subject::equals).isPresent())
        .count();
  }

  /**
   * The token requests the fake refused with {@code invalid_grant}: each reuse of a refresh token
   * is one.
   */
  List<RecordedTokenRequest> invalidGrants() {
    return krebit.journal().tokenRequests().stream()
        .filter(r -> r.error().filter("invalid_grant"::equals).isPresent())
        .toList();
  }

  /** The token requests the fake did not answer with a token, for any reason. */
  List<RecordedTokenRequest> failedTokenRequests() {
    return krebit.journal().tokenRequests().stream().filter(r -> !r.issuedToken()).toList();
  }

  /**
   * The subjects whose token the fake's API refuses (or accepts as someone else). A revoked
   * family's access tokens are refused until the fake is reset, so an empty answer for every
   * subject's newest token means no family was revoked.
   */
  Set<String> refusedByTheApi(Map<String, AccessToken> newestTokens) {
    Set<String> refused = new TreeSet<>();
    newestTokens.forEach(
        (subject, token) -> {
          HttpResponse<String> me =
              send(
                  HttpRequest.newBuilder(krebit.apiBaseUri().resolve("me"))
                      .header("Authorization", token.authorizationHeader())
                      .timeout(BROWSER_TIMEOUT)
                      .build());
          if (me.statusCode() != 200 || !me.body().contains("\"id\": \"" + subject + "\"")) {
            refused.add(subject);
          }
        });
    return refused;
  }

  /**
   * Whether {@code refreshToken} is the one the fake issued last for {@code subject}, in the
   * subject's family.
   */
  boolean isNewestRefreshToken(String subject, String refreshToken) {
    List<RecordedTokenRequest> requests = krebit.journal().tokenRequests();
    Optional<RecordedTokenRequest> last = Optional.empty();
    for (RecordedTokenRequest request : requests) {
      if (request.userId().filter(subject::equals).isPresent()
          && request.issuedRefreshTokenFingerprint().isPresent()) {
        last = Optional.of(request);
      }
    }
    return last.isPresent()
        && last.get().issuedRefreshTokenFingerprint().get().equals(Fingerprint.of(refreshToken))
        && krebit.tokenFamily(refreshToken).equals(last.get().familyId());
  }

  /** Fails unless the journal still holds every token request: counts from it are complete. */
  void assertJournalComplete() {
    assertThat(krebit.journal().tokenRequestCount())
        .as(
            "token requests in the fake's journal, which keeps the latest %d",
            RequestJournal.CAPACITY)
        .isLessThan(RequestJournal.CAPACITY);
  }

  /**
   * Fails unless, {@code lifetimes} token lifetimes in, the refresh token of each of the first
   * {@code subjects} users was redeemed exactly once per lifetime, and no token request went
   * without a token (so none was refused with {@code invalid_grant}).
   */
  void assertRedeemedOncePerLifetime(int subjects, int lifetimes) {
    assertJournalComplete();
    for (int i = 0; i < subjects; i++) {
      String subject = ClusterNode.subject(i);
      assertThat(refreshRedemptions(subject))
          .as("redemptions of %s after lifetime %d", subject, lifetimes)
          .isEqualTo(lifetimes);
    }
    assertThat(invalidGrants()).as("token requests refused with invalid_grant").isEmpty();
    assertThat(failedTokenRequests()).as("token requests that got no token").isEmpty();
  }

  /**
   * Fails unless {@code store} holds, for each of the first {@code subjects} users, the refresh
   * token this server issued last, in the one token family of the user's one sign-in, with an
   * access token the API still accepts (so no family was revoked).
   *
   * @return the stored access token of each user
   */
  Map<String, AccessToken> assertStoreHoldsTheNewestTokens(TokenStore store, int subjects) {
    Map<String, AccessToken> newest = new TreeMap<>();
    for (int i = 0; i < subjects; i++) {
      String subject = ClusterNode.subject(i);
      StoredTokens stored = store.load(ClusterNode.key(tenant(), subject)).orElseThrow();
      assertThat(
              isNewestRefreshToken(
                  subject, stored.tokens().refreshToken().map(RefreshToken::value).orElseThrow()))
          .as("the stored refresh token of %s is the one the fake issued last", subject)
          .isTrue();
      assertThat(signIns(subject)).as("token families of %s", subject).isEqualTo(1);
      newest.put(subject, stored.tokens().accessToken());
    }
    assertThat(refusedByTheApi(newest)).as("users whose token family was revoked").isEmpty();
    return newest;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return browser.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the fake Krebit server", e);
    }
  }

  @Override
  public void close() {
    krebit.close();
  }
}
