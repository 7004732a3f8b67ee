package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ReauthorizationRequiredException.Reason;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

class SubjectTokenSourceTest {
  private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private static final TokenKey ALICE = new TokenKey("acme", "web-app", "alice");
  private static final String FAMILY = "family-c1";
  // Lifetime 3600 s, no jitter: refresh-ahead from 3535 s, usable until 3595 s.
  private static final Duration INTO_REFRESH_WINDOW = Duration.ofSeconds(3540);
  private static final Duration PAST_USABLE_LIFE = Duration.ofSeconds(3600);

  private final ManualClock clock = new ManualClock(START);
  private final RotatingEndpoint server = new RotatingEndpoint();
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private AuthorizationCodeFlow node(TokenStore tokenStore, TokenEndpoint endpoint) {
    return AuthorizationCodeFlow.builder()
        .tenant(Tenant.organization("acme"))
        .client(ClientCredentials.of("web-app", "s3cret"))
        .endpoint(endpoint)
        .redirectUri(CALLBACK)
        .tokenStore(tokenStore)
        .clock(clock)
        .executor(threads)
        .refreshPolicy(RefreshPolicy.builder().jitter(0).acquireTimeout(Duration.ofSeconds(5)).build())
        .build();
  }

  private AuthorizationCodeFlow node() {
    return node(store, server);
  }

  private static void signIn(AuthorizationCodeFlow flow, String code) {
    URI authorize = flow.begin(CALLBACK, "alice").uri();
    String state = URLUtils.parseParameters(authorize.getRawQuery()).get("state").get(0);
    flow.complete(URI.create(CALLBACK + "?code=" + code + "&state=" + state));
  }

  private String storedRefreshToken() {
    return store.load(ALICE).orElseThrow().tokens().refreshToken().orElseThrow().value();
  }

  @Test
  void aHundredRefreshesRotateAndTheStoreAlwaysHoldsTheNewestRefreshToken() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken previous = alice.token();

    for (int i = 1; i <= 100; i++) {
      clock.advance(PAST_USABLE_LIFE);
      AccessToken next = alice.token();
      assertThat(next).isNotEqualTo(previous);
      assertThat(storedRefreshToken()).isEqualTo(server.newestRefreshToken(FAMILY));
      previous = next;
    }
    assertThat(server.redemptions(FAMILY)).isEqualTo(100);
  }

  @Test
  void aCallerInTheRefreshWindowGetsTheValidTokenAndStartsARefreshInTheBackground() throws Exception {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken first = alice.token();

    clock.advance(INTO_REFRESH_WINDOW);
    assertThat(alice.token()).isEqualTo(first);

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.redemptions(FAMILY) == 1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !alice.token().equals(first));
  }

  @Test
  void theOldRefreshTokenIsKeptWhenTheServerDoesNotRotate() {
    server.rotate(false);
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    String original = storedRefreshToken();

    clock.advance(PAST_USABLE_LIFE);
    flow.forSubject("alice").token();

    assertThat(storedRefreshToken()).isEqualTo(original);
  }

  @Test
  void twoNodesRacingAtExpiryRedeemTheRefreshTokenOnce() throws Exception {
    AuthorizationCodeFlow signInNode = node();
    signIn(signInNode, "c1");
    for (int round = 1; round <= 50; round++) {
      AuthorizationCodeFlow nodeA = node();
      AuthorizationCodeFlow nodeB = node();
      nodeA.forSubject("alice").token();
      nodeB.forSubject("alice").token();
      clock.advance(PAST_USABLE_LIFE);

      CountDownLatch go = new CountDownLatch(1);
      Future<AccessToken> a = threads.submit(() -> {
        go.await();
        return nodeA.forSubject("alice").token();
      });
      Future<AccessToken> b = threads.submit(() -> {
        go.await();
        return nodeB.forSubject("alice").token();
      });
      go.countDown();

      assertThat(a.get(10, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(b.get(10, TimeUnit.SECONDS));
      assertThat(server.redemptions(FAMILY)).as("round %d", round).isEqualTo(round);
    }
  }

  @Test
  void aRefusedRefreshTokenRequiresANewSignInAndStopsFurtherRequests() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    server.failNext(OAuthErrorException.of("invalid_grant", "revoked", 400, "req-x"));
    clock.advance(PAST_USABLE_LIFE);

    assertThatThrownBy(alice::token)
        .isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.REFRESH_TOKEN_REFUSED);
          assertThat(e.requestId()).contains("req-x");
        });
    assertThat(store.load(ALICE).orElseThrow().record().reauthorizationRequired()).isTrue();

    AuthorizationCodeFlow otherNode = node(store, (client, grant) -> {
      throw new AssertionError("no request may be sent for a subject that must sign in again");
    });
    assertThatThrownBy(() -> otherNode.forSubject("alice").token()).isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void aRefusalAfterAnotherNodeRotatedUsesTheNewerTokens() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    clock.advance(PAST_USABLE_LIFE);
    // While our request is in flight, another node completes a new sign-in for alice.
    AtomicBoolean once = new AtomicBoolean();
    AuthorizationCodeFlow racing = node(store, (client, grant) -> {
      if (once.compareAndSet(false, true)) {
        signIn(node(), "c2");
        throw OAuthErrorException.of("invalid_grant", null, 400, null);
      }
      return server.exchange(client, grant);
    });

    assertThat(racing.forSubject("alice").token().value()).startsWith("family-c2-at-");
    assertThat(store.load(ALICE).orElseThrow().record().reauthorizationRequired()).isFalse();
  }

  @Test
  void aStoreFailureRightAfterRotationKeepsTheNewRefreshTokenAndStoresItLater() {
    FlakyStore flaky = new FlakyStore(store);
    AuthorizationCodeFlow flow = node(flaky, server);
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    clock.advance(PAST_USABLE_LIFE);
    flaky.failWritesAfterNext = true;

    assertThatThrownBy(alice::token)
        .isInstanceOfSatisfying(TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    flaky.failWritesAfterNext = false;
    flaky.failing = false;
    clock.advance(Duration.ofSeconds(20)); // past the failure backoff

    assertThat(alice.token().value()).isNotNull();
    assertThat(storedRefreshToken()).isEqualTo(server.newestRefreshToken(FAMILY));
    assertThat(server.redemptions(FAMILY)).isEqualTo(1);
  }

  @Test
  void aLeaseLeftByACrashedNodeLapses() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    StoredTokens stored = store.load(ALICE).orElseThrow();
    store.compareAndSet(ALICE, stored.version(),
        stored.record().leasedTo(new RefreshLease("crashed-node", START.plus(PAST_USABLE_LIFE).plusSeconds(30))));
    clock.advance(PAST_USABLE_LIFE.plusSeconds(31));

    assertThat(flow.forSubject("alice").token().value()).isEqualTo("family-c1-at-2");
    assertThat(store.load(ALICE).orElseThrow().record().refreshLease()).isEmpty();
  }

  @Test
  void aRejectedAccessTokenIsRefreshedEvenIfTheStoreStillHoldsIt() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken rejected = alice.token();

    alice.invalidate(rejected);

    assertThat(alice.token()).isNotEqualTo(rejected);
    assertThat(server.redemptions(FAMILY)).isEqualTo(1);
  }

  @Test
  void aSubjectThatNeverSignedInMustSignIn() {
    assertThatThrownBy(() -> node().forSubject("bob").token())
        .isInstanceOfSatisfying(ReauthorizationRequiredException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_IN));
  }

  /** A store whose writes fail on demand, as a database going down would. */
  private static final class FlakyStore implements TokenStore {
    private final TokenStore delegate;
    volatile boolean failWritesAfterNext;
    volatile boolean failing;

    FlakyStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      return delegate.load(key);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(TokenKey key, long expectedVersion, TokenRecord record) {
      if (failing) {
        throw new TokenStoreException("database is down", true, null);
      }
      Optional<StoredTokens> written = delegate.compareAndSet(key, expectedVersion, record);
      if (failWritesAfterNext) {
        failing = true; // the lease claim goes through; the rotated tokens don't
      }
      return written;
    }

    @Override
    public boolean delete(TokenKey key) {
      return delegate.delete(key);
    }
  }
}
