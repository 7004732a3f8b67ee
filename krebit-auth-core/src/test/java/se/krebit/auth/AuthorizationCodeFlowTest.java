package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.SignInFixture.CALLBACK;
import static se.krebit.auth.SignInFixture.CLIENT;
import static se.krebit.auth.SignInFixture.TENANT;
import static se.krebit.auth.SignInFixture.beginSignIn;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.signIn;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AuthorizationCallbackException.AuthorizationError;
import se.krebit.auth.AuthorizationCallbackException.ExpiredState;
import se.krebit.auth.AuthorizationCallbackException.MalformedCallback;
import se.krebit.auth.AuthorizationCallbackException.MissingCode;
import se.krebit.auth.AuthorizationCallbackException.RedirectUriMismatch;
import se.krebit.auth.AuthorizationCallbackException.ReusedState;
import se.krebit.auth.AuthorizationCallbackException.UnknownState;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.testing.SettableClock;

class AuthorizationCodeFlowTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  private final SettableClock clock = SettableClock.startingAt(START);
  private final RotatingEndpoint server = new RotatingEndpoint();
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final InMemoryStateRepository states = new InMemoryStateRepository(clock);
  private final Map<String, PendingAuthorization> saved =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final StateRepository recordingStates =
      new StateRepository() {
        @Override
        public void save(PendingAuthorization pending) {
          saved.put(pending.state(), pending);
          states.save(pending);
        }

        @Override
        public StateConsumption consume(String state) {
          return states.consume(state);
        }

        @Override
        public int purgeExpired() {
          return states.purgeExpired();
        }
      };
  private Grant lastGrant;

  private AuthorizationCodeFlow.Builder flow() {
    TokenEndpoint recording =
        (client, grant) -> {
          lastGrant = grant;
          return server.exchange(client, grant);
        };
    return flowOn(recording)
        .tokenStore(store)
        .stateRepository(recordingStates)
        .clock(clock)
        .executor(Runnable::run)
        .refreshPolicy(RefreshPolicy.custom().jitter(0).build())
        .allowReturnToOrigin(URI.create("https://app.example"));
  }

  /**
   * Issue 21 item 2: users' tokens need no timer. A thousand users signed in, served, refreshed and
   * served again schedule nothing on the flow's scheduler; the clock carries one task, the coarse
   * time's tick, however many users there are.
   */
  @Test
  void aThousandUsersScheduleNoTaskOfTheirOwnThroughRefreshesAndExpiry() {
    java.util.concurrent.atomic.AtomicInteger scheduled =
        new java.util.concurrent.atomic.AtomicInteger();
    AuthorizationCodeFlow flow =
        flow()
            .scheduler(
                (deadline, task) -> {
                  scheduled.incrementAndGet();
                  return () -> {};
                })
            .build();
    int ticksOnTheClock = clock.pendingTasks();
    for (int i = 0; i < 1_000; i++) {
      String subject = "user-" + i;
      signIn(flow, subject, "c" + i);
      flow.forSubject(subject).token();
    }

    clock.advance(Duration.ofSeconds(3540)); // into every token's refresh-ahead window
    for (int i = 0; i < 1_000; i++) {
      flow.forSubject("user-" + i).token(); // refreshes in the background (here: inline)
    }
    clock.advance(
        Duration.ofSeconds(3600)); // past the old tokens' lives, into the new ones' windows
    for (int i = 0; i < 1_000; i++) {
      assertThat(flow.forSubject("user-" + i).token().isExpiredAt(clock.instant())).isFalse();
    }

    assertThat(scheduled.get())
        .as("tasks scheduled: the one sweep for idle users, none per user")
        .isEqualTo(1);
    assertThat(clock.pendingTasks()).as("tasks on the clock").isEqualTo(ticksOnTheClock);
  }

  @Test
  void beginBuildsTheAuthorizeUrlWithStateAndPkce() {
    AuthorizationRedirect redirect = flow().build().begin(CALLBACK, "alice");

    URI uri = redirect.uri();
    Map<String, List<String>> query = URLUtils.parseParameters(uri.getRawQuery());
    assertThat(uri.toString()).startsWith("https://acme.krebit.se/oauth/authorize?");
    assertThat(query.get("client_id")).containsExactly("web-app");
    assertThat(query.get("redirect_uri")).containsExactly(CALLBACK.toString());
    assertThat(query.get("response_type")).containsExactly("code");
    assertThat(Base64.getUrlDecoder().decode(query.get("state").get(0)))
        .hasSizeGreaterThanOrEqualTo(16);
    assertThat(query.get("code_challenge_method")).containsExactly("S256");
    assertThat(redirect.expiresAt()).isEqualTo(START.plus(AuthorizationCodeFlow.DEFAULT_STATE_TTL));
    assertThat(redirect.toString()).doesNotContain(query.get("state").get(0));

    PendingAuthorization pending = pendingFor(query.get("state").get(0));
    CodeChallenge expected =
        CodeChallenge.compute(
            CodeChallengeMethod.S256, new CodeVerifier(pending.codeVerifier().orElseThrow()));
    assertThat(query.get("code_challenge")).containsExactly(expected.getValue());
  }

  @Test
  void eachSignInGetsItsOwnState() {
    AuthorizationCodeFlow flow = flow().build();
    assertThat(beginSignIn(flow, "alice")).isNotEqualTo(beginSignIn(flow, "alice"));
  }

  @Test
  void pkceCanBeTurnedOff() {
    AuthorizationRedirect redirect = flow().pkce(false).build().begin(CALLBACK, "alice");
    assertThat(redirect.uri().getQuery()).doesNotContain("code_challenge");
    assertThat(pendingFor(stateOf(redirect)).codeVerifier()).isEmpty();
  }

  @Test
  void beginWithoutARedirectUriUsesTheOneRegistered() {
    AuthorizationRedirect redirect = flow().build().begin("alice");
    assertThat(redirect.uri().getQuery()).contains("redirect_uri=" + CALLBACK);
    assertThat(pendingFor(stateOf(redirect)).redirectUri()).isEqualTo(CALLBACK);
  }

  @Test
  void beginWithoutARedirectUriIsATypedErrorListingThemWhenSeveralAreRegistered() {
    URI second = URI.create("https://app.example/oauth/other");
    AuthorizationCodeFlow flow = flow().redirectUri(second).build();
    assertThatThrownBy(() -> flow.begin("alice", Set.of(), Optional.empty()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("2 registered redirect URIs [" + CALLBACK + ", " + second + "]");
    assertThat(pendingFor(stateOf(flow.begin(second, "alice"))).redirectUri()).isEqualTo(second);
  }

  @Test
  void onlyRegisteredRedirectUrisAreAccepted() {
    AuthorizationCodeFlow flow = flow().build();
    assertThatThrownBy(() -> flow.begin(URI.create("https://app.example/oauth/callback/"), "alice"))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(
            () -> AuthorizationCodeFlow.builder().redirectUri(URI.create("http://app.example/cb")))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @Test
  void completeExchangesTheCodeWithVerifierAndStoresTheTokens() {
    AuthorizationCodeFlow flow = flow().build();
    AuthorizationRedirect redirect =
        flow.begin(CALLBACK, "alice", Set.of("read"), Optional.of("/orders/7"));
    String state = stateOf(redirect);
    String verifier = pendingFor(state).codeVerifier().orElseThrow();

    CompletedAuthorization done = flow.complete(callback("code=c1&state=" + state));

    assertThat(done.subject()).isEqualTo("alice");
    assertThat(done.returnTo()).contains("/orders/7");
    assertThat(lastGrant)
        .isEqualTo(new AuthorizationCodeGrant("c1", CALLBACK, Optional.of(verifier)));
    TokenKey key = new TokenKey("acme", "web-app", "alice");
    assertThat(store.load(key).orElseThrow().tokens().refreshToken()).isPresent();
    assertThat(flow.forSubject("alice").token().value()).isEqualTo("family-c1-at-1");
  }

  @Test
  void aCallbackIsGoodOnce() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");
    flow.complete(callback("code=c1&state=" + state));

    assertThatThrownBy(() -> flow.complete(callback("code=c1&state=" + state)))
        .isInstanceOf(ReusedState.class);
  }

  @Test
  void aStateNeverIssuedIsRefused() {
    assertThatThrownBy(() -> flow().build().complete(callback("code=c1&state=forged")))
        .isInstanceOf(UnknownState.class);
  }

  @Test
  void aStateOlderThanItsLifetimeIsRefused() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");
    clock.advance(AuthorizationCodeFlow.DEFAULT_STATE_TTL);

    assertThatThrownBy(() -> flow.complete(callback("code=c1&state=" + state)))
        .isInstanceOf(ExpiredState.class);
  }

  @Test
  void aCallbackAtAnotherUriIsRefused() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(
            () ->
                flow.complete(
                    URI.create("https://evil.example/oauth/callback?code=c1&state=" + state)))
        .isInstanceOf(RedirectUriMismatch.class);
    assertThat(states.consume(state))
        .as("the state is spent all the same")
        .isInstanceOf(StateConsumption.AlreadyConsumed.class);
  }

  @Test
  void aSuccessWithoutCodeIsRefused() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(() -> flow.complete(callback("state=" + state)))
        .isInstanceOf(MissingCode.class);
  }

  @Test
  void aDeniedConsentIsItsOwnError() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(
            () ->
                flow.complete(
                    callback("error=access_denied&error_description=User+said+no&state=" + state)))
        .isInstanceOfSatisfying(
            AuthorizationError.class,
            e -> {
              assertThat(e.isAccessDenied()).isTrue();
              assertThat(e.errorDescription()).contains("User said no");
            });
  }

  @Test
  void otherAuthorizationErrorsKeepTheirCode() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(() -> flow.complete(callback("error=invalid_scope&state=" + state)))
        .isInstanceOfSatisfying(
            AuthorizationError.class, e -> assertThat(e.error()).isEqualTo("invalid_scope"));
  }

  @Test
  void aCodeParameterWithoutAValueIsAMissingCode() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(() -> flow.complete(callback("code&state=" + state)))
        .isInstanceOf(MissingCode.class);
    assertThat(store.load(TokenKey.of(TENANT, CLIENT, "alice"))).isEmpty();
  }

  @Test
  void malformedCallbacksAreRefusedBeforeAnyStateIsSpent() {
    AuthorizationCodeFlow flow = flow().build();
    String state = beginSignIn(flow, "alice");

    assertThatThrownBy(() -> flow.complete(callback("code=c1&state=" + state + "&state=other")))
        .isInstanceOf(MalformedCallback.class);
    assertThatThrownBy(() -> flow.complete(callback("code=c1&code=c2&state=" + state)))
        .isInstanceOf(MalformedCallback.class);
    assertThatThrownBy(() -> flow.complete(URI.create(CALLBACK + "#code=c1&state=" + state)))
        .isInstanceOf(MalformedCallback.class);
    assertThatThrownBy(() -> flow.complete(callback("code=c1&state=" + "s".repeat(3000))))
        .isInstanceOf(MalformedCallback.class);
    assertThatThrownBy(() -> flow.complete(callback("code=c1")))
        .isInstanceOf(MalformedCallback.class);

    assertThat(flow.complete(callback("code=c1&state=" + state)).subject()).isEqualTo("alice");
  }

  @Test
  void openRedirectsAreRefusedAtBegin() {
    AuthorizationCodeFlow flow = flow().build();
    for (String target :
        List.of(
            "//evil.example", "https://evil.example", "/\\evil.example", "/%2F%2Fevil.example")) {
      assertThatThrownBy(() -> flow.begin(CALLBACK, "alice", Set.of(), Optional.of(target)))
          .as(target)
          .isInstanceOf(InvalidReturnToException.class);
    }
  }

  @Test
  void signOutDeletesTheTokens() {
    AuthorizationCodeFlow flow = flow().build();
    signIn(flow, "alice", "c1");
    flow.forSubject("alice").token();

    assertThat(flow.signOut("alice")).isTrue();

    assertThatThrownBy(() -> flow.forSubject("alice").token())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ReauthorizationRequiredException.Reason.NOT_SIGNED_IN));
  }

  @Test
  void aNewSignInReplacesTokensAfterReauthorizationWasRequired() {
    AuthorizationCodeFlow flow = flow().build();
    signIn(flow, "alice", "c1");
    server.failNext(OAuthErrorException.of("invalid_grant", null, 400, null));
    clock.advance(Duration.ofSeconds(3560));
    assertThatThrownBy(() -> flow.forSubject("alice").token())
        .isInstanceOf(ReauthorizationRequiredException.class);

    signIn(flow, "alice", "c2");

    assertThat(flow.forSubject("alice").token().value()).startsWith("family-c2-at-");
  }

  private URI callback(String query) {
    return URI.create(CALLBACK + "?" + query);
  }

  private static String stateOf(AuthorizationRedirect redirect) {
    return URLUtils.parseParameters(redirect.uri().getRawQuery()).get("state").get(0);
  }

  /** What the flow saved for {@code state}, read without consuming it. */
  private PendingAuthorization pendingFor(String state) {
    return saved.get(state);
  }
}
