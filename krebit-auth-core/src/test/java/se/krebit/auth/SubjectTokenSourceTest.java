package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.SignInFixture.anotherNodeRefreshed;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.leaseToAnotherNode;
import static se.krebit.auth.SignInFixture.signIn;

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
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.testing.ForwardingTokenStore;
import se.krebit.auth.testing.SettableClock;

class SubjectTokenSourceTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private static final TokenKey ALICE = new TokenKey("acme", "web-app", "alice");
  private static final String FAMILY = "family-c1";
  // Lifetime 3600 s, no jitter: refresh-ahead from 3535 s, usable until 3595 s.
  private static final Duration INTO_REFRESH_WINDOW = Duration.ofSeconds(3540);
  private static final Duration PAST_USABLE_LIFE = Duration.ofSeconds(3600);

  private final SettableClock clock = SettableClock.startingAt(START);
  private final RotatingEndpoint server = new RotatingEndpoint();
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private AuthorizationCodeFlow node(TokenStore tokenStore, TokenEndpoint endpoint) {
    return node(
        tokenStore,
        endpoint,
        RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(5)).build(),
        threads);
  }

  private AuthorizationCodeFlow node(
      TokenStore tokenStore,
      TokenEndpoint endpoint,
      RefreshPolicy policy,
      java.util.concurrent.Executor executor) {
    return node(tokenStore, endpoint, policy, executor, TokenListener.NONE);
  }

  private AuthorizationCodeFlow node(
      TokenStore tokenStore,
      TokenEndpoint endpoint,
      RefreshPolicy policy,
      java.util.concurrent.Executor executor,
      TokenListener listener) {
    return flowOn(endpoint)
        .tokenStore(tokenStore)
        .clock(clock)
        .executor(executor)
        .refreshPolicy(policy)
        .listener(listener)
        .build();
  }

  private AuthorizationCodeFlow node() {
    return node(store, server);
  }

  private String storedRefreshToken() {
    return store.load(ALICE).orElseThrow().tokens().refreshToken().orElseThrow().value();
  }

  @Test
  void aHundredRefreshesRotateAndTheStoreAlwaysHoldsTheNewestRefreshToken() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
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
  void aCallerInTheRefreshWindowGetsTheValidTokenAndStartsARefreshInTheBackground()
      throws Exception {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken first = alice.token();

    clock.advance(INTO_REFRESH_WINDOW);
    assertThat(alice.token()).isEqualTo(first);

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> server.redemptions(FAMILY) == 1);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !alice.token().equals(first));
  }

  @Test
  void theOldRefreshTokenIsKeptWhenTheServerDoesNotRotate() {
    server.rotate(false);
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
    String original = storedRefreshToken();

    clock.advance(PAST_USABLE_LIFE);
    flow.forSubject("alice").token();

    assertThat(storedRefreshToken()).isEqualTo(original);
  }

  @Test
  void twoNodesRacingAtExpiryRedeemTheRefreshTokenOnce() throws Exception {
    AuthorizationCodeFlow signInNode = node();
    signIn(signInNode, "alice", "c1");
    for (int round = 1; round <= 50; round++) {
      AuthorizationCodeFlow nodeA = node();
      AuthorizationCodeFlow nodeB = node();
      nodeA.forSubject("alice").token();
      nodeB.forSubject("alice").token();
      clock.advance(PAST_USABLE_LIFE);

      CountDownLatch go = new CountDownLatch(1);
      Future<AccessToken> a =
          threads.submit(
              () -> {
                go.await();
                return nodeA.forSubject("alice").token();
              });
      Future<AccessToken> b =
          threads.submit(
              () -> {
                go.await();
                return nodeB.forSubject("alice").token();
              });
      go.countDown();

      assertThat(a.get(10, TimeUnit.SECONDS))
          .as("round %d", round)
          .isEqualTo(b.get(10, TimeUnit.SECONDS));
      assertThat(server.redemptions(FAMILY)).as("round %d", round).isEqualTo(round);
    }
  }

  @Test
  void aRefusedRefreshTokenRequiresANewSignInAndStopsFurtherRequests() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    server.failNext(OAuthErrorException.of("invalid_grant", "revoked", 400, "req-x"));
    clock.advance(PAST_USABLE_LIFE);

    assertThatThrownBy(alice::token)
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REFRESH_TOKEN_REFUSED);
              assertThat(e.requestId()).contains("req-x");
            });
    assertThat(store.load(ALICE).orElseThrow().record().reauthorizationRequired()).isTrue();

    AuthorizationCodeFlow otherNode =
        node(
            store,
            (client, grant) -> {
              throw new AssertionError(
                  "no request may be sent for a subject that must sign in again");
            });
    assertThatThrownBy(() -> otherNode.forSubject("alice").token())
        .isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void aRefusalAfterAnotherNodeRotatedUsesTheNewerTokens() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    clock.advance(PAST_USABLE_LIFE);
    // While our request is in flight, another node completes a new sign-in for alice.
    AtomicBoolean once = new AtomicBoolean();
    AuthorizationCodeFlow racing =
        node(
            store,
            (client, grant) -> {
              if (once.compareAndSet(false, true)) {
                signIn(node(), "alice", "c2");
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
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    alice.token();
    clock.advance(PAST_USABLE_LIFE);
    flaky.failWritesAfterNext = true;

    assertThatThrownBy(alice::token)
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
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
    signIn(flow, "alice", "c1");
    leaseToAnotherNode(store, ALICE, "crashed-node", START.plus(PAST_USABLE_LIFE).plusSeconds(30));
    clock.advance(PAST_USABLE_LIFE.plusSeconds(31));

    assertThat(flow.forSubject("alice").token().value()).isEqualTo("family-c1-at-2");
    assertThat(store.load(ALICE).orElseThrow().record().refreshLease()).isEmpty();
  }

  /**
   * Issue 14's first cluster finding: a node whose jittered refresh-ahead time comes early must
   * find the stored token due and refresh it, not get the same token back and retry a second later,
   * past the end of its usable life, where its callers would wait.
   */
  @Test
  void aNodeWhoseJitteredRefreshComesFirstRefreshesRightAwayAndNoCallerWaits() {
    RefreshPolicy jittered =
        RefreshPolicy.custom().jitter(1.0).acquireTimeout(Duration.ofSeconds(5)).build();
    java.util.concurrent.atomic.AtomicInteger waits =
        new java.util.concurrent.atomic.AtomicInteger();
    TokenListener listener =
        new TokenListener() {
          @Override
          public void callerWaited(String grantType, Duration waited) {
            waits.incrementAndGet();
          }
        };
    server.lifetime(Duration.ofSeconds(3));
    AuthorizationCodeFlow nodeA = node(store, server, jittered, Runnable::run, listener);
    AuthorizationCodeFlow nodeB = node(store, server, jittered, Runnable::run, listener);
    signIn(nodeA, "alice", "c1");
    AccessToken first = nodeA.forSubject("alice").token();
    assertThat(nodeB.forSubject("alice").token()).isEqualTo(first);
    int waitsToLoad = waits.get();

    // 3 s tokens: usable until 2.7 s, each node refreshing from 2.4 s less a random part of the 0.3
    // s margin.
    for (int millis = 10; millis < 2_700; millis += 10) {
      clock.advance(Duration.ofMillis(10));
      nodeA.forSubject("alice").token();
      nodeB.forSubject("alice").token();
    }

    assertThat(server.redemptions(FAMILY)).as("one refresh for both nodes").isEqualTo(1);
    assertThat(nodeA.forSubject("alice").token())
        .as("node A, 10 ms before the old token's end")
        .isNotEqualTo(first);
    assertThat(nodeB.forSubject("alice").token()).isEqualTo(nodeA.forSubject("alice").token());
    assertThat(waits.get() - waitsToLoad).as("callers that found no usable token").isZero();
  }

  /**
   * Issue 14's second cluster finding: the margins of a token picked up from the store count from
   * its issue, as they do on the node that obtained it, not from when this node first saw it.
   */
  @Test
  void aTokenPickedUpFromTheStoreKeepsTheMarginsOfItsIssue() {
    server.lifetime(Duration.ofSeconds(60)); // usable until 55 s (5 s skew), refreshed from 49 s
    AuthorizationCodeFlow nodeA = node();
    signIn(nodeA, "alice", "c1");
    AccessToken issued = nodeA.forSubject("alice").token();
    clock.advance(Duration.ofSeconds(40));
    AuthorizationCodeFlow nodeB =
        node(
            store,
            (client, grant) -> {
              throw new TokenEndpointUnavailableException(
                  "HTTP 503 from the token endpoint", 503, null, null, null);
            });
    assertThat(nodeB.forSubject("alice").token())
        .as("picked up 40 s after its issue")
        .isEqualTo(issued);

    clock.advance(Duration.ofMillis(14_999));
    assertThat(nodeB.forSubject("alice").token()).isEqualTo(issued);
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> nodeB.forSubject("alice").token())
        .as("not served from 55 s on, though only 20 s were left when node B first saw it")
        .isInstanceOf(TokenEndpointUnavailableException.class);
  }

  /**
   * While another node holds the lease, a node serves the still-usable stored token and looks again
   * shortly, so that it serves the newer token as soon as that node stored it: nobody waits.
   */
  @Test
  void whileAnotherNodeRefreshesTheUsableTokenIsServedAndItsResultPickedUpSoon() {
    AuthorizationCodeFlow flow =
        node(store, server, RefreshPolicy.custom().jitter(0).build(), Runnable::run);
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken old = alice.token();
    clock.advance(INTO_REFRESH_WINDOW);
    leaseToAnotherNode(store, ALICE, "other-node", clock.instant().plusSeconds(30));

    assertThat(alice.token()).as("served while the other node refreshes").isEqualTo(old);
    AccessToken newer = anotherNodeRefreshed(store, ALICE, clock.instant());
    assertThat(alice.token()).as("not looked again yet").isEqualTo(old);

    clock.advance(TokenCache.OTHER_NODE_RECHECK);
    alice.token(); // looks again, in the background
    assertThat(alice.token()).isEqualTo(newer);
    assertThat(server.redemptions(FAMILY)).as("this node redeemed nothing").isZero();
  }

  /**
   * The cause of CrashedNodeLeaseIT's CI flake, made certain: a request started for a caller who
   * then gave up (its read of the store, which shows another node's lease, held up past that
   * caller's deadline) must not fail a caller who joined it later with the earlier caller's
   * deadline. When the other node has stored its result meanwhile, the later caller gets it within
   * its own wait.
   */
  @Test
  void aCallerIsNeverFailedByTheDeadlineOfAnEarlierCallerWhoGaveUp() throws Exception {
    HeldStore held = new HeldStore(store);
    AuthorizationCodeFlow flow =
        node(
            held,
            server,
            RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(1)).build(),
            threads);
    signIn(flow, "alice", "c1");
    clock.advance(PAST_USABLE_LIFE);
    leaseToAnotherNode(store, ALICE, "other-node", clock.instant().plusSeconds(60));

    Future<AccessToken> first = threads.submit(() -> flow.forSubject("alice").token());
    Thread.sleep(300);
    held.holdNextLoad(); // the store read in flight when the first caller gives up still shows the
    // lease
    assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TokenAcquisitionTimeoutException.class);
    AccessToken newer = anotherNodeRefreshed(store, ALICE, clock.instant());
    Future<AccessToken> second = threads.submit(() -> flow.forSubject("alice").token());
    Thread.sleep(300); // it joins the request in flight
    held.release();

    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(newer);
    assertThat(server.redemptions(FAMILY)).as("this node redeemed nothing").isZero();
  }

  @Test
  void aRejectedAccessTokenIsRefreshedEvenIfTheStoreStillHoldsIt() {
    AuthorizationCodeFlow flow = node();
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken rejected = alice.token();

    alice.invalidate(rejected);

    assertThat(alice.token()).isNotEqualTo(rejected);
    assertThat(server.redemptions(FAMILY)).isEqualTo(1);
  }

  @Test
  void aSubjectThatNeverSignedInMustSignIn() {
    assertThatThrownBy(() -> node().forSubject("bob").token())
        .isInstanceOfSatisfying(
            ReauthorizationRequiredException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_IN));
  }

  /** A store one of whose reads can be held up after it has read, as a slow database would. */
  private static final class HeldStore extends ForwardingTokenStore {
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);

    HeldStore(TokenStore delegate) {
      super(delegate);
    }

    void holdNextLoad() {
      holdNext.set(true);
    }

    void release() {
      released.countDown();
    }

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      Optional<StoredTokens> read = super.load(key);
      if (holdNext.getAndSet(false)) {
        try {
          released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return read;
    }
  }

  /** A store whose writes fail on demand, as a database going down would. */
  private static final class FlakyStore extends ForwardingTokenStore {
    volatile boolean failWritesAfterNext;
    volatile boolean failing;

    FlakyStore(TokenStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(
        TokenKey key, long expectedVersion, TokenRecord record) {
      if (failing) {
        throw new TokenStoreException("database is down", true, null);
      }
      Optional<StoredTokens> written = super.compareAndSet(key, expectedVersion, record);
      if (failWritesAfterNext) {
        failing = true; // the lease claim goes through; the rotated tokens don't
      }
      return written;
    }
  }
}
