package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCallbackException;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.CompletedAuthorization;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.ReauthorizationRequiredException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSource;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The authorization-code flow end to end: core's flow, the Feign transport and the fake server, an
 * HTTP client playing the browser (it never follows redirects by itself).
 */
class AuthorizationCodeEndToEndIT {
  private static final String REDIRECT = "http://127.0.0.1:9999/oauth/callback";
  private static final URI CALLBACK = URI.create(REDIRECT);
  private static final URI SECOND_CALLBACK =
      URI.create("http://127.0.0.1:9999/oauth/second-callback");
  private static final Duration LIFETIME = Duration.ofSeconds(3600);

  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder()
          .app("web-app", "web-secret")
          .redirectUri("web-app", REDIRECT)
          .redirectUri("web-app", SECOND_CALLBACK.toString())
          .userRoles("alice", "signer")
          .tokenLifetime(LIFETIME)
          .build();

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private AuthorizationCodeFlow.Builder flow(FakeKrebitServer server) {
    return AuthorizationCodeFlow.builder()
        .tenant(server.tenant())
        .client(server.credentials("web-app"))
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
        .redirectUri(CALLBACK)
        .tokenStore(store)
        .clock(server.clock())
        .executor(threads)
        .refreshPolicy(
            RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(10)).build());
  }

  /** The browser visits the authorize URL; the fake answers with a redirect to the callback. */
  private URI consent(AuthorizationRedirect redirect) throws Exception {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(redirect.uri()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  private String me(FakeKrebitServer server, AccessToken token) throws Exception {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(server.apiBaseUri().resolve("me"))
                .header("Authorization", token.authorizationHeader())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private void signIn(FakeKrebitServer server, AuthorizationCodeFlow flow, String subject)
      throws Exception {
    server.consent().approveAs("alice");
    flow.complete(consent(flow.begin(CALLBACK, subject)));
  }

  private TokenKey key(FakeKrebitServer server, String subject) {
    return TokenKey.of(server.tenant(), server.credentials("web-app"), subject);
  }

  @Test
  void aUserSignsInAndTheAppCallsTheApiAsThatUser(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server).build();

    // the flow's one registered redirect URI, by default
    AuthorizationRedirect redirect = flow.begin("user-1", Set.of(), Optional.of("/documents/42"));
    CompletedAuthorization done = flow.complete(consent(redirect));

    assertThat(done.subject()).isEqualTo("user-1");
    assertThat(done.returnTo()).contains("/documents/42");
    assertThat(me(server, flow.forSubject("user-1").token()))
        .startsWith("200")
        .contains("\"id\": \"alice\"");
    assertThat(server.journal().lastAuthorizeRequest().orElseThrow().codeChallengeMethod())
        .contains("S256");
    assertThat(store.load(key(server, "user-1")).orElseThrow().tokens().refreshToken()).isPresent();
  }

  @Test
  void withSeveralRedirectUrisTheCallerNamesOneAndItIsTheOneSent(FakeKrebitServer server)
      throws Exception {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server).redirectUri(SECOND_CALLBACK).build();

    assertThatThrownBy(() -> flow.begin("user-1"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining(CALLBACK.toString())
        .hasMessageContaining(SECOND_CALLBACK.toString())
        .hasMessageContaining("begin(redirectUri, subject");

    URI callback = consent(flow.begin(SECOND_CALLBACK, "user-1"));
    assertThat(callback.toString()).startsWith(SECOND_CALLBACK.toString());
    flow.complete(callback);
    assertThat(me(server, flow.forSubject("user-1").token())).startsWith("200");
  }

  @Test
  void aDeniedConsentIsTheTypedAccessDeniedError(FakeKrebitServer server) throws Exception {
    server.consent().deny();
    AuthorizationCodeFlow flow = flow(server).build();

    URI callback = consent(flow.begin(CALLBACK, "user-1"));

    assertThatThrownBy(() -> flow.complete(callback))
        .isInstanceOfSatisfying(
            AuthorizationCallbackException.AuthorizationError.class,
            e -> assertThat(e.isAccessDenied()).isTrue());
    assertThat(server.journal().tokenRequestCount()).isZero();
  }

  @Test
  void aReplayedCallbackIsRefusedAndTheCodeIsRedeemedOnce(FakeKrebitServer server)
      throws Exception {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow = flow(server).build();
    URI callback = consent(flow.begin(CALLBACK, "user-1"));
    flow.complete(callback);

    assertThatThrownBy(() -> flow.complete(callback))
        .isInstanceOf(AuthorizationCallbackException.ReusedState.class);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void aCallbackWithAForeignStateIsRefused(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow attacker =
        flow(server).stateRepository(new InMemoryStateRepository()).build();
    URI attackersCallback = consent(attacker.begin(CALLBACK, "mallory"));

    assertThatThrownBy(() -> flow(server).build().complete(attackersCallback))
        .isInstanceOf(AuthorizationCallbackException.UnknownState.class);
  }

  @Test
  void aCallbackAfterTheStateExpiredIsRefused(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    AuthorizationCodeFlow flow =
        flow(server).stateRepository(new InMemoryStateRepository(server.clock())).build();
    URI callback = consent(flow.begin(CALLBACK, "user-1"));
    server.clock().advance(AuthorizationCodeFlow.DEFAULT_STATE_TTL);

    assertThatThrownBy(() -> flow.complete(callback))
        .isInstanceOf(AuthorizationCallbackException.ExpiredState.class);
  }

  @Test
  void aWrongPkceVerifierIsRefusedByTheServer(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    StateRepository tampering =
        new TamperingStates(
            new InMemoryStateRepository(server.clock()),
            Optional.of("wrong-verifier-" + "x".repeat(40)));
    AuthorizationCodeFlow flow = flow(server).stateRepository(tampering).build();
    URI callback = consent(flow.begin(CALLBACK, "user-1"));

    assertThatThrownBy(() -> flow.complete(callback)).isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void aMissingPkceVerifierIsRefusedByTheServer(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    StateRepository tampering =
        new TamperingStates(new InMemoryStateRepository(server.clock()), Optional.empty());
    AuthorizationCodeFlow flow = flow(server).stateRepository(tampering).build();
    URI callback = consent(flow.begin(CALLBACK, "user-1"));

    assertThatThrownBy(() -> flow.complete(callback)).isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void redirectUrisMustMatchAtAuthorizeAndAtTheTokenEndpoint(FakeKrebitServer server)
      throws Exception {
    URI unregistered = URI.create("http://127.0.0.1:9999/other");
    AuthorizationCodeFlow flow = flow(server).redirectUri(unregistered).build();
    assertThatThrownBy(() -> flow(server).build().begin(unregistered, "user-1"))
        .isInstanceOf(KrebitConfigurationException.class);

    HttpResponse<String> refused =
        browser.send(
            HttpRequest.newBuilder(flow.begin(unregistered, "user-1").uri()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Location")).isEmpty();

    server.consent().approveAs("alice");
    URI callback = consent(flow.begin(CALLBACK, "user-1"));
    String code = callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");
    FeignTokenEndpoint endpoint = FeignTokenEndpoint.builder().tenant(server.tenant()).build();
    assertThatThrownBy(
            () ->
                endpoint.exchange(
                    server.credentials("web-app"),
                    new AuthorizationCodeGrant(code, unregistered, Optional.empty())))
        .isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void aHundredRefreshesRotateAndTheStoreKeepsTheServersNewestRefreshToken(FakeKrebitServer server)
      throws Exception {
    AuthorizationCodeFlow flow = flow(server).build();
    signIn(server, flow, "user-1");
    TokenSource tokens = flow.forSubject("user-1");
    AccessToken previous = tokens.token();
    String family = server.tokenFamily(previous.value()).orElseThrow();

    for (int i = 1; i <= 100; i++) {
      server.clock().advance(LIFETIME);
      AccessToken next = tokens.token();
      assertThat(next).isNotEqualTo(previous);
      String stored =
          store
              .load(key(server, "user-1"))
              .orElseThrow()
              .tokens()
              .refreshToken()
              .orElseThrow()
              .value();
      assertThat(server.tokenFamily(stored)).contains(family);
      assertThat(server.journal().lastTokenRequest().orElseThrow().issuedRefreshTokenFingerprint())
          .contains(se.krebit.auth.Fingerprint.of(stored));
      previous = next;
    }
    assertThat(server.journal().refreshRedemptions(family)).isEqualTo(100);
    assertThat(me(server, previous)).startsWith("200");
  }

  @Test
  void aStaleRefreshTokenRevokesTheFamilyAndTheUserMustSignInAgain(FakeKrebitServer server)
      throws Exception {
    AuthorizationCodeFlow flow = flow(server).build();
    signIn(server, flow, "user-1");
    TokenKey key = key(server, "user-1");
    StoredTokens original = store.load(key).orElseThrow();
    server.clock().advance(LIFETIME);
    AccessToken rotated = flow.forSubject("user-1").token();
    // A restore from an old backup puts the already-redeemed refresh token back.
    StoredTokens current = store.load(key).orElseThrow();
    store.compareAndSet(key, current.version(), TokenRecord.of(original.tokens()));
    AuthorizationCodeFlow otherNode = flow(server).build();

    assertThatThrownBy(() -> otherNode.forSubject("user-1").token())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ReauthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED));
    assertThat(me(server, rotated)).as("the family is revoked").startsWith("401");
    assertThat(store.load(key).orElseThrow().record().reauthorizationRequired()).isTrue();
  }

  @Test
  void twoNodesRacingAtExpiryRedeemEachRefreshTokenOnce(FakeKrebitServer server) throws Exception {
    AuthorizationCodeFlow signInNode = flow(server).build();
    signIn(server, signInNode, "user-1");
    String family =
        server.tokenFamily(signInNode.forSubject("user-1").token().value()).orElseThrow();
    AuthorizationCodeFlow nodeA = flow(server).build();
    AuthorizationCodeFlow nodeB = flow(server).build();

    for (int round = 1; round <= 50; round++) {
      server.clock().advance(LIFETIME);
      CountDownLatch go = new CountDownLatch(1);
      Future<AccessToken> a =
          threads.submit(
              () -> {
                go.await();
                return nodeA.forSubject("user-1").token();
              });
      Future<AccessToken> b =
          threads.submit(
              () -> {
                go.await();
                return nodeB.forSubject("user-1").token();
              });
      go.countDown();

      AccessToken tokenA = a.get(20, TimeUnit.SECONDS);
      assertThat(b.get(20, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(tokenA);
      assertThat(server.journal().refreshRedemptions(family))
          .as("round %d", round)
          .isEqualTo(round);
    }
    assertThat(server.journal().tokenRequests()).noneMatch(r -> r.error().isPresent());
  }

  @Test
  void refreshTokensNeverAppearInTheStoresToString(FakeKrebitServer server) throws Exception {
    AuthorizationCodeFlow flow = flow(server).build();
    signIn(server, flow, "user-1");
    StoredTokens stored = store.load(key(server, "user-1")).orElseThrow();
    String refresh = stored.tokens().refreshToken().map(RefreshToken::value).orElseThrow();

    assertThat(stored.toString())
        .doesNotContain(refresh)
        .doesNotContain(stored.tokens().accessToken().value());
  }

  /**
   * A state repository that hands back the pending request with another PKCE verifier (or none).
   */
  private record TamperingStates(StateRepository delegate, Optional<String> verifier)
      implements StateRepository {
    @Override
    public void save(PendingAuthorization pending) {
      delegate.save(pending);
    }

    @Override
    public StateConsumption consume(String state) {
      StateConsumption consumed = delegate.consume(state);
      if (consumed instanceof StateConsumption.Consumed c) {
        PendingAuthorization p = c.pending();
        return new StateConsumption.Consumed(
            new PendingAuthorization(
                p.state(),
                p.redirectUri(),
                p.subject(),
                verifier,
                p.returnTo(),
                p.scope(),
                p.createdAt(),
                p.expiresAt()));
      }
      return consumed;
    }

    @Override
    public int purgeExpired() {
      return delegate.purgeExpired();
    }
  }
}
