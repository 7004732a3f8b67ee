package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.krebit.auth.testing.RecordingTokenListener;

class ClientCredentialsTokenSourceTest extends ScriptedSourceFixture {
  private static final RefreshPolicy NO_JITTER = RefreshPolicy.custom().jitter(0).build();

  private ClientCredentialsTokenSource.Builder source() {
    return scriptedSource().executor(Runnable::run).refreshPolicy(NO_JITTER);
  }

  @Test
  void firstCallObtainsATokenAndLaterCallsAreServedFromCache() {
    TokenSource tokens = source().build();

    AccessToken first = tokens.token();
    AccessToken second = tokens.token();

    assertThat(first.value()).isEqualTo("token-1");
    assertThat(first.expiresAt()).isEqualTo(START.plusSeconds(3600));
    assertThat(second).isSameAs(first);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void cachedCallsNeitherReadTheClockNorRequest() {
    TokenSource tokens = source().build();
    tokens.token();
    long readsAfterFirst = clock.reads();

    for (int i = 0; i < 10_000; i++) {
      tokens.token();
    }

    assertThat(clock.reads()).isEqualTo(readsAfterFirst);
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void theCachedTokensAgeIsReadWithoutATokenRequest() {
    ClientCredentialsTokenSource tokens = source().build();
    assertThat(tokens.cachedTokenObtainedAt()).isEmpty();
    assertThat(endpoint.requests()).isZero();

    tokens.token();
    assertThat(tokens.cachedTokenObtainedAt()).contains(START);

    clock.advance(REFRESH_AT); // refreshed ahead: the new token's request time
    assertThat(tokens.cachedTokenObtainedAt()).contains(START.plus(REFRESH_AT));
    tokens.invalidate(tokens.token());
    assertThat(tokens.cachedTokenObtainedAt()).isEmpty();
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void refreshesAheadOfExpiryInTheBackgroundWithoutACaller() {
    TokenSource tokens = source().build();
    tokens.token();

    clock.advance(REFRESH_AT.minusSeconds(1));
    assertThat(endpoint.requests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(tokens.token().value()).isEqualTo("token-2");
    assertThat(tokens.token().expiresAt()).isEqualTo(START.plus(REFRESH_AT).plusSeconds(3600));
  }

  @Test
  void callersAtTheRefreshBoundaryAreServedTheOldTokenWithoutWaiting() throws Exception {
    TokenSource tokens = source().executor(threads).build();
    AccessToken old = tokens.token();
    endpoint.close(); // the refresh will hang until opened

    clock.advance(REFRESH_AT);
    assertThat(endpoint.awaitFirstRequest()).isTrue();
    List<Future<AccessToken>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      calls.add(threads.submit(tokens::token));
    }
    for (Future<AccessToken> call : calls) {
      assertThat(call.get(1, TimeUnit.SECONDS)).isEqualTo(old);
    }
    endpoint.open();
  }

  @Test
  void aRefreshAheadIsSkippedWhileEveryThreadIsBusyAndTheCallerIsServedTheValidTokenAtOnce()
      throws Exception {
    TokenRequestPool pool = TokenRequestPool.create(1, 10);
    TokenSource tokens = source().executor(pool).build();
    AccessToken old = tokens.token();
    CountDownLatch busy = occupy(pool);

    clock.advance(REFRESH_AT); // the refresh-ahead timer finds no free thread
    for (int i = 0; i < 100; i++) {
      assertThat(threads.submit(tokens::token).get(1, TimeUnit.SECONDS)).isEqualTo(old);
    }
    assertThat(endpoint.requests()).as("every refresh ahead skipped, none queued").isEqualTo(1);

    busy.countDown();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> tokens.token().value().equals("token-2"));
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void aCallerWithoutATokenWaitsForAThreadWhenThePoolIsBusy() throws Exception {
    TokenRequestPool pool = TokenRequestPool.create(1, 10);
    TokenSource tokens = source().executor(pool).build();
    CountDownLatch busy = occupy(pool);

    Future<AccessToken> call = threads.submit(tokens::token);
    assertThatThrownBy(() -> call.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(endpoint.requests()).as("queued behind the busy thread").isZero();

    busy.countDown();
    assertThat(call.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-1");
  }

  @Test
  void whenThePoolAndItsQueueAreFullTheCallerMakesTheRequestItselfAndOthersShareIt()
      throws Exception {
    TokenRequestPool pool = TokenRequestPool.create(1, 0);
    TokenSource tokens = source().executor(pool).build();
    CountDownLatch busy = occupy(pool);

    concurrentCallersShareOneRequest(tokens, 16);
    busy.countDown();
  }

  /** Keeps the pool's only thread busy until the latch is counted down. */
  private static CountDownLatch occupy(TokenRequestPool pool) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(
        () -> {
          running.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  @Test
  void concurrentCallersWithoutATokenShareOneRequest() throws Exception {
    TokenSource tokens = source().executor(threads).build();

    concurrentCallersShareOneRequest(tokens, 64);
  }

  /**
   * {@code callers} threads without a token call at once, while the endpoint holds the request: one
   * request for all.
   */
  private void concurrentCallersShareOneRequest(TokenSource tokens, int callers) throws Exception {
    endpoint.close();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> calls = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      calls.add(
          threads.submit(
              () -> {
                start.await();
                return tokens.token();
              }));
    }

    start.countDown();
    assertThat(endpoint.awaitFirstRequest()).isTrue();
    endpoint.open();
    for (Future<AccessToken> call : calls) {
      assertThat(call.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-1");
    }
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void servesTheOldTokenWhileRefreshFailsAndRetriesWithBackoff() {
    TokenSource tokens = source().build();
    AccessToken old = tokens.token();
    endpoint.thenFail(unavailable(null)).thenFail(unavailable(null));

    clock.advance(REFRESH_AT);
    assertThat(endpoint.requests()).isEqualTo(2);
    assertThat(tokens.token()).isEqualTo(old);
    assertThat(endpoint.requests()).as("no new request before the backoff ends").isEqualTo(2);

    clock.advance(Duration.ofSeconds(1)); // first backoff: 1 s
    assertThat(endpoint.requests()).isEqualTo(3);
    assertThat(tokens.token()).isEqualTo(old);

    clock.advance(Duration.ofSeconds(2)); // second backoff: 2 s, then success
    assertThat(endpoint.requests()).isEqualTo(4);
    assertThat(tokens.token().value()).isEqualTo("token-4");
  }

  @Test
  void neverServesATokenPastItsUsableLifetime() {
    TokenSource tokens = source().build();
    tokens.token();
    for (int i = 0; i < 100; i++) {
      endpoint.thenFail(unavailable(null));
    }

    clock.advance(Duration.ofSeconds(3594));
    assertThat(tokens.token().value()).isEqualTo("token-1");

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
  }

  @Test
  void afterExpiryAFailingEndpointGivesTheTypedErrorAndFailsFastDuringBackoff() {
    TokenSource tokens = source().build();
    endpoint.thenFail(unavailable(null));

    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
    assertThat(endpoint.requests()).as("second call fails fast").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token().value()).isEqualTo("token-2");
  }

  @Test
  void retryAfterFromTheServerLengthensTheBackoff() {
    TokenSource tokens = source().build();
    endpoint.thenFail(unavailable(Duration.ofSeconds(7)));
    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);

    clock.advance(Duration.ofSeconds(6));
    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
    assertThat(endpoint.requests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token().value()).isEqualTo("token-2");
  }

  @Test
  void aHangingEndpointGivesATimeoutWithinTheBound() {
    TokenSource tokens =
        source()
            .executor(threads)
            .refreshPolicy(
                RefreshPolicy.from(NO_JITTER).acquireTimeout(Duration.ofMillis(200)).build())
            .build();
    endpoint.close();

    long started = System.nanoTime();
    assertThatThrownBy(tokens::token).isInstanceOf(TokenAcquisitionTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void oauthErrorsReachTheCallerWithTheirType() {
    TokenSource tokens = source().build();
    endpoint.thenFail(OAuthErrorException.of("invalid_client", "bad secret", 401, "req-9"));

    assertThatThrownBy(tokens::token)
        .isInstanceOf(InvalidClientException.class)
        .hasMessageContaining("client_id")
        .hasMessageContaining("req-9");
  }

  @Test
  void oneRejectedTokenReportedByManyThreadsCausesOneNewRequest() throws Exception {
    TokenSource tokens = source().executor(threads).build();
    AccessToken rejected = tokens.token();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(
          threads.submit(
              () -> {
                start.await();
                tokens.invalidate(rejected);
                return tokens.token();
              }));
    }

    start.countDown();
    for (Future<AccessToken> call : calls) {
      assertThat(call.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-2");
    }
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void invalidatingATokenThatWasAlreadyReplacedDoesNothing() {
    TokenSource tokens = source().build();
    AccessToken first = tokens.token();
    tokens.invalidate(first);
    AccessToken second = tokens.token();

    tokens.invalidate(first);

    assertThat(tokens.token()).isSameAs(second);
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void aServerThatReturnsItsCachedTokenDoesNotMakeTheSourceSpin() {
    TokenSource tokens = source().build();
    AccessToken first = tokens.token();
    // From now on the server hands back its cached token: same value, the time it has left.
    endpoint.alwaysAnswer(
        () ->
            ScriptedEndpoint.token(
                "token-1", Duration.between(clock.instant(), first.expiresAt()).plusMillis(1)));

    clock.advance(REFRESH_AT);
    for (int second = 0; second < 59; second++) {
      assertThat(tokens.token().value()).isEqualTo("token-1");
      clock.advance(Duration.ofSeconds(1));
    }

    // The first request, then at most one per backoff step (1, 2, 4, 8, 15, 15, ... s) over 60 s.
    assertThat(endpoint.requests()).isBetween(2, 9);
  }

  @Test
  void aTokenThatExpiredBeforeItArrivedIsRefused() {
    se.krebit.auth.spi.TokenEndpoint slow =
        (client, grant) -> {
          clock.advance(Duration.ofSeconds(2)); // the request took longer than the token lives
          return ScriptedEndpoint.token("late", Duration.ofSeconds(1));
        };
    TokenSource tokens = source().endpoint(slow).build();

    assertThatThrownBy(tokens::token)
        .isInstanceOf(InvalidTokenResponseException.class)
        .hasMessageContaining("expired before it arrived");
  }

  @Test
  void refreshAheadJitterMovesTheRefreshEarlierByAtMostTheConfiguredShare() {
    RefreshPolicy jittered = RefreshPolicy.custom().jitter(1.0).build();
    TokenSource tokens = source().refreshPolicy(jittered).build();
    tokens.token();

    clock.advance(Duration.ofSeconds(3535 - 60 - 1)); // margin 60 s + jitter up to 60 s
    assertThat(endpoint.requests()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(61));
    assertThat(endpoint.requests()).isEqualTo(2);
  }

  @Test
  void aListenerHearsEachRequestWithItsOutcomeAndEachWaitButNothingOnTheHotPath() {
    RecordingTokenListener listener = new RecordingTokenListener();
    List<TokenRequestEvent> requests = listener.requests();
    endpoint.thenFail(unavailable(null));
    TokenSource tokens = source().listener(listener).build();

    assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointUnavailableException.class);
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 1000; i++) {
      tokens.token();
    }

    assertThat(requests)
        .extracting(TokenRequestEvent::outcome)
        .containsExactly(TokenRequestEvent.Outcome.UNAVAILABLE, TokenRequestEvent.Outcome.SUCCESS);
    assertThat(requests).allSatisfy(e -> assertThat(e.grantType()).isEqualTo("client_credentials"));
    assertThat(requests.get(1).requestId()).contains("req-test");
    assertThat(listener.waits()).containsExactly("client_credentials", "client_credentials");
  }

  @Test
  void theWaitStartsFirstAndCausesTheRequestItTriggersForEachOfSeveralListeners() {
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    TokenSource tokens =
        source()
            .listener(TokenListener.all(new Recording("A", log), new Recording("B", log)))
            .build();

    for (int i = 0; i < 1000; i++) {
      tokens.token();
    }

    assertThat(log)
        .containsExactly(
            "A wait started",
            "B wait started",
            "A request started, caused by A wait",
            "B request started, caused by B wait",
            "A request stopped: SUCCESS OptionalInt[200] Optional[req-test]",
            "B request stopped: SUCCESS OptionalInt[200] Optional[req-test]",
            "A wait stopped: SUCCESS",
            "B wait stopped: SUCCESS");
  }

  /** Logs when its spans start and stop, naming them, and the span each request names as cause. */
  private record Recording(String name, List<String> log) implements TokenListener {
    @Override
    public Span<TokenRequestEvent.Outcome> tokenWaitStarted(String grantType) {
      return named("wait");
    }

    @Override
    public Span<TokenRequestEvent> tokenRequestStarted(String grantType, Span<?> cause) {
      Span<TokenRequestEvent> request = named("request");
      log.set(
          log.size() - 1,
          log.get(log.size() - 1)
              + ", caused by "
              + (cause instanceof Named<?> named ? named.name() : "nothing"));
      return request;
    }

    private <E> Span<E> named(String what) {
      log.add(name + " " + what + " started");
      return new Named<>(name + " " + what, log);
    }
  }

  private record Named<E>(String name, List<String> log) implements TokenListener.Span<E> {
    @Override
    public void stopped(E end) {
      log.add(
          name
              + " stopped: "
              + (end instanceof TokenRequestEvent event
                  ? event.outcome() + " " + event.status() + " " + event.requestId()
                  : end));
    }
  }

  @Test
  void aListenerThatThrowsNeverBreaksTheSource() {
    TokenListener broken =
        new TokenListener() {
          @Override
          public void tokenRequested(TokenRequestEvent event) {
            throw new IllegalStateException("metrics backend down");
          }
        };

    assertThat(source().listener(broken).build().token().value()).isEqualTo("token-1");
  }

  @Test
  void anAbandonedSourceStopsRefreshing() {
    TokenSource tokens = source().build();
    tokens.token();
    java.lang.ref.WeakReference<TokenSource> abandoned = new java.lang.ref.WeakReference<>(tokens);
    tokens = null;

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              System.gc();
              return abandoned.get() == null;
            });
    clock.advance(REFRESH_AT);

    assertThat(endpoint.requests()).isEqualTo(1);
  }

  private static TokenEndpointUnavailableException unavailable(Duration retryAfter) {
    return new TokenEndpointUnavailableException(
        "HTTP 503 from the token endpoint", 503, retryAfter, "req-1", null);
  }
}
