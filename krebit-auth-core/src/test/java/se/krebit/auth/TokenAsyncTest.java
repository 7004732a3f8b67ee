package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.SignInFixture.anotherNodeRefreshed;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.leaseToAnotherNode;
import static se.krebit.auth.SignInFixture.signIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import se.krebit.auth.memory.InMemoryTokenStore;

/**
 * Issue 20, async tokens, on the manual clock: {@link TokenSource#tokenAsync()} serves from the
 * same cache as {@code token()}, joins the same single request in flight, fails with the same typed
 * errors, and never makes its caller's thread wait or fetch.
 */
class TokenAsyncTest extends ScriptedSourceFixture {
  private static final RefreshPolicy POLICY =
      RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(5)).build();
  private static final Duration PAST_USABLE_LIFE = Duration.ofSeconds(3600);

  private ClientCredentialsTokenSource.Builder source() {
    return scriptedSource().executor(threads).refreshPolicy(POLICY);
  }

  private static AccessToken await(CompletionStage<AccessToken> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aCachedTokenComesAsOneCompletedStageWithoutReadingTheClock() throws Exception {
    TokenSource tokens = source().build();
    AccessToken first = await(tokens.tokenAsync());
    CompletionStage<AccessToken> cached = tokens.tokenAsync();
    long reads = clock.reads();

    for (int i = 0; i < 10_000; i++) {
      assertThat((Object) tokens.tokenAsync()).isSameAs(cached);
    }
    assertThat(cached.toCompletableFuture().isDone()).isTrue();
    assertThat(cached.toCompletableFuture().join()).isSameAs(first).isSameAs(tokens.token());
    assertThat(clock.reads()).isEqualTo(reads);
    assertThat(endpoint.requests()).isEqualTo(1);
    // The shared stage can't be completed or changed by a caller: its toCompletableFuture() is a
    // copy.
    cached.toCompletableFuture().obtrudeValue(null);
    assertThat(await(tokens.tokenAsync())).isSameAs(first);
  }

  @Test
  void asyncAndBlockingCallersWithNoTokenShareOneRequestAndNoCallerThreadWaits() throws Exception {
    TokenSource tokens = source().build();
    endpoint.close(); // the request hangs until opened

    List<CompletionStage<AccessToken>> async = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      async.add(tokens.tokenAsync());
    }
    long returnedAfter = System.nanoTime() - started;
    assertThat(endpoint.awaitFirstRequest()).isTrue();
    List<Future<AccessToken>> blocking = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      blocking.add(threads.submit(tokens::token));
    }
    assertThat(async)
        .allSatisfy(stage -> assertThat(stage.toCompletableFuture().isDone()).isFalse());
    assertThat(returnedAfter)
        .as("100 calls returned while the request hangs")
        .isLessThan(TimeUnit.SECONDS.toNanos(4));

    endpoint.open();
    AccessToken token = await(async.get(0));
    for (CompletionStage<AccessToken> stage : async) {
      assertThat(await(stage)).isSameAs(token);
    }
    for (Future<AccessToken> call : blocking) {
      assertThat(call.get(5, TimeUnit.SECONDS)).isSameAs(token);
    }
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void aFailedRequestFailsTheStageWithTheTypedExceptionItself() throws Exception {
    TokenEndpointUnavailableException down =
        new TokenEndpointUnavailableException(
            "token endpoint answered 503", 503, null, "req-1", null);
    endpoint.thenFail(down);
    TokenSource tokens = source().build();

    CompletionStage<AccessToken> stage = tokens.tokenAsync();

    AtomicReference<Throwable> seen = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    stage.whenComplete(
        (token, failure) -> {
          seen.set(failure);
          done.countDown();
        });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen.get()).isSameAs(down);
    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isSameAs(down);
    // While failing fast: an already failed stage, with no new request.
    CompletionStage<AccessToken> again = tokens.tokenAsync();
    assertThat(again.toCompletableFuture().isCompletedExceptionally()).isTrue();
    assertThatThrownBy(() -> again.toCompletableFuture().join()).cause().isSameAs(down);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void theAcquireTimeoutFailsTheStageWithoutAWaitingThread() throws Exception {
    TokenSource tokens =
        source()
            .refreshPolicy(RefreshPolicy.from(POLICY).acquireTimeout(Duration.ofSeconds(1)).build())
            .build();
    endpoint.close();

    long started = System.nanoTime();
    CompletionStage<AccessToken> stage = tokens.tokenAsync();
    long returnedAfter = System.nanoTime() - started;

    assertThat(returnedAfter)
        .as("the call returns before the timeout")
        .isLessThan(TimeUnit.SECONDS.toNanos(1));
    assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(TokenAcquisitionTimeoutException.class)
        .hasMessageContaining("1000 ms");
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    assertThat(endpoint.requests()).as("the request itself goes on").isEqualTo(1);
    endpoint.open();
    assertThat(await(tokens.tokenAsync()).value()).isEqualTo("token-1");
  }

  @Test
  void aRefreshAheadServesTheValidTokenAtOnceAndTheNewOneAfterIt() throws Exception {
    TokenSource tokens = source().build();
    AccessToken old = await(tokens.tokenAsync());
    endpoint.close();

    clock.advance(REFRESH_AT); // the timer starts the refresh, which hangs
    for (int i = 0; i < 32; i++) {
      CompletionStage<AccessToken> stage = tokens.tokenAsync();
      assertThat(stage.toCompletableFuture().isDone()).isTrue();
      assertThat(stage.toCompletableFuture().join()).isSameAs(old);
    }
    endpoint.open();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> tokens.tokenAsync().toCompletableFuture().join().value().equals("token-2"));
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void pastItsUsableLifeTheTokenIsNeverServedAndAnInvalidatedOneIsReplaced() throws Exception {
    ClientCredentialsTokenSource tokens =
        source().scheduler((at, task) -> () -> {}).build(); // no refresh ahead
    AccessToken first = await(tokens.tokenAsync());

    clock.advance(
        PAST_USABLE_LIFE.minusSeconds(5)); // usable until 3595 s: this is the first instant past it
    AccessToken second = await(tokens.tokenAsync());
    assertThat(second.value()).isEqualTo("token-2");

    tokens.invalidate(second);
    AccessToken third = await(tokens.tokenAsync());
    assertThat(third.value()).isEqualTo("token-3");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void anExecutorWithNoRoomFailsTheStageInsteadOfFetchingOnTheCallersThread() {
    TokenSource tokens =
        source()
            .executor(
                task -> {
                  throw new RejectedExecutionException("full");
                })
            .build();

    CompletionStage<AccessToken> stage = tokens.tokenAsync();

    assertThat(stage.toCompletableFuture().isCompletedExceptionally()).isTrue();
    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .cause()
        .isInstanceOf(TokenAcquisitionTimeoutException.class)
        .hasMessageContaining("TokenRequestPool");
    assertThat(endpoint.requests()).isZero();
    assertThat(tokens.token().value())
        .as("a blocking caller still makes it on its own thread")
        .isEqualTo("token-1");
  }

  @Test
  void theDefaultForSourcesWithoutACacheCallsTokenAndCompletes() {
    AccessToken fixed = new AccessToken("fixed", AccessToken.BEARER, START.plusSeconds(60));
    TokenSource plain = withoutCache(() -> fixed);
    InvalidClientException refused = new InvalidClientException("bad secret", 401, "req-2");
    TokenSource refusing =
        withoutCache(
            () -> {
              throw refused;
            });

    assertThat(plain.tokenAsync().toCompletableFuture().join()).isSameAs(fixed);
    assertThatThrownBy(() -> refusing.tokenAsync().toCompletableFuture().join())
        .cause()
        .isSameAs(refused);
  }

  /** A source with no cache of its own, so with the default {@code tokenAsync()}. */
  private static TokenSource withoutCache(Supplier<AccessToken> token) {
    return new TokenSource() {
      @Override
      public AccessToken token() {
        return token.get();
      }

      @Override
      public void invalidate(AccessToken rejected) {}
    };
  }

  /**
   * Users' sources share the cache code: the same, and waiting for another node without a thread.
   */
  @Test
  void aUsersAsyncCallerWaitsForAnotherNodesRefreshWithoutAThread() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    RotatingEndpoint server = new RotatingEndpoint();
    AuthorizationCodeFlow flow =
        flowOn(server)
            .tokenStore(store)
            .clock(clock)
            .executor(threads)
            .refreshPolicy(POLICY)
            .build();
    signIn(flow, "alice", "c1");
    TokenSource alice = flow.forSubject("alice");
    AccessToken old = await(alice.tokenAsync());
    assertThat((Object) alice.tokenAsync()).isSameAs(alice.tokenAsync());

    TokenKey key = new TokenKey("acme", "web-app", "alice");
    clock.advance(PAST_USABLE_LIFE);
    leaseToAnotherNode(store, key, "other-node", clock.instant().plusSeconds(30));

    CompletionStage<AccessToken> waiting = alice.tokenAsync();
    // It looks again every 20 to 250 ms of real time; let it look a few times before the other node
    // answers.
    Thread.sleep(300);
    assertThat(waiting.toCompletableFuture().isDone())
        .as("no usable token until the other node stores one")
        .isFalse();
    AccessToken newer = anotherNodeRefreshed(store, key, clock.instant());

    assertThat(await(waiting)).isEqualTo(newer).isNotEqualTo(old);
    assertThat(server.redemptions("family-c1")).as("this node redeemed nothing").isZero();
  }
}
