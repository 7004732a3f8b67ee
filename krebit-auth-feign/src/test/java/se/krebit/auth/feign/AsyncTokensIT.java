package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
// README:begin async-tokens
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import reactor.core.publisher.Mono;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;
// README:end async-tokens
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.auth.testing.SettableClock;
import se.krebit.http.HttpConfig;

/**
 * Issue 20: {@code tokenAsync()} end to end, over HTTP on loopback against the fake Krebit server, on
 * its settable clock. Callers at expiry share one token request, asynchronous and blocking ones alike,
 * and a refused request fails their stages with the typed error. Also runs the README's snippets.
 */
class AsyncTokensIT {
  private static final Duration LIFETIME = Duration.ofSeconds(3600);

  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").tokenLifetime(LIFETIME).build();

  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  private static TokenSource source(FakeKrebitServer server) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).http(HttpConfig.custom().initialBackoff(Duration.ofMillis(10)).build()).build())
        .client(server.credentials("demo-client"))
        .clock(server.clock())
        .refreshPolicy(RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  @Test
  void sixtyFourAsyncCallersAtExpiryCauseOneRequest(FakeKrebitServer server) throws Exception {
    TokenSource tokens = source(server);
    AccessToken first = tokens.tokenAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
    OneRefresh.expire(first, server);

    List<CompletableFuture<AccessToken>> calls = asyncCalls(tokens, 64);

    OneRefresh.assertEveryCallGotOneNewToken(calls, first, server);
  }

  @Test
  void asyncAndBlockingCallersAtExpiryShareOneRequest(FakeKrebitServer server) throws Exception {
    TokenSource tokens = source(server);
    AccessToken first = tokens.token();
    OneRefresh.expire(first, server);

    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      calls.add(callers.submit(() -> {
        start.await();
        return tokens.token();
      }));
    }
    start.countDown();
    calls.addAll(asyncCalls(tokens, 32));

    OneRefresh.assertEveryCallGotOneNewToken(calls, first, server);
  }

  @Test
  void aRefusedRequestFailsEveryWaitingStageWithTheTypedError(FakeKrebitServer server, SettableClock clock) throws Exception {
    TokenSource tokens = source(server);
    AccessToken first = tokens.token();
    server.failNextTokenRequests(100, InjectedFault.status(503));
    clock.set(first.expiresAt());

    List<CompletableFuture<AccessToken>> calls = asyncCalls(tokens, 16);

    for (CompletableFuture<AccessToken> call : calls) {
      assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).cause()
          .isInstanceOf(TokenEndpointUnavailableException.class);
      assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(TokenEndpointUnavailableException.class);
    }
    // Reactor's block() rethrows the typed error itself: the stage failed with it, unwrapped.
    assertThatThrownBy(() -> authorizationHeader(tokens).block(Duration.ofSeconds(10)))
        .isInstanceOf(TokenEndpointUnavailableException.class);
  }

  @Test
  void theReadmesSnippetsGiveTheHeader(FakeKrebitServer server) throws Exception {
    TokenSource tokens = source(server);

    String reactive = authorizationHeader(tokens).block(Duration.ofSeconds(10));
    ExecutorService threads = virtualThreadsOrPlatformThreads();
    String onAThread = onAVirtualThread(tokens, threads).get(10, TimeUnit.SECONDS);
    threads.shutdown();

    assertThat(reactive).startsWith("Bearer ").isEqualTo(onAThread);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  private static List<CompletableFuture<AccessToken>> asyncCalls(TokenSource tokens, int count) {
    return Stream.generate(() -> tokens.tokenAsync().toCompletableFuture()).limit(count).toList();
  }

  // README:begin async-tokens
  // With Reactor: no thread waits while a token is fetched; each subscription asks the source anew.
  static Mono<String> authorizationHeader(TokenSource tokens) {
    return Mono.fromCompletionStage(tokens::tokenAsync).map(AccessToken::authorizationHeader);
  }

  // On virtual threads (JDK 21 and later: Executors.newVirtualThreadPerTaskExecutor()), token() and a
  // joined tokenAsync() park the virtual thread, never its carrier: the library never pins one.
  static Future<String> onAVirtualThread(TokenSource tokens, ExecutorService virtualThreads) {
    return virtualThreads.submit(() -> tokens.tokenAsync().toCompletableFuture().join().authorizationHeader());
  }
  // README:end async-tokens

  /** Virtual threads where the JDK has them (the tests run on JDK 17 and 25), otherwise platform ones. */
  private ExecutorService virtualThreadsOrPlatformThreads() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException onJdk17) {
      return callers;
    }
  }
}
