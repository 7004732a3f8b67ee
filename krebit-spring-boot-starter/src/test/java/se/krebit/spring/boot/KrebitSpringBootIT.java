package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import se.krebit.api.Krebit;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * A Boot application's own {@code RestClient} and {@code WebClient}, given the starter's
 * interceptors, calling the fake Krebit server over loopback: the token is added, a revoked one is
 * replaced once, and requests to other hosts go without it.
 */
@SpringBootTest(
    classes = KrebitSpringBootIT.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KrebitSpringBootIT {
  private static final String CLIENT_ID = "boot-app";
  private static final String SECRET = "boot-secret-0123456789";
  private static final FakeKrebitServer FAKE =
      FakeKrebitServer.builder().app(CLIENT_ID, SECRET).build().start();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    // README:begin spring-boot-clients
    /** Your own RestClient for Krebit's API: the token is added, and a refused one replaced once. */
    @Bean
    RestClient krebitRestClient(Krebit krebit, KrebitClientHttpRequestInterceptor auth) {
      return RestClient.builder()
          .baseUrl(krebit.config().tenant().apiBase().toString())   // https://acme.krebit.se/api/1.0/
          .requestInterceptor(auth)
          .build();
    }

    /** The same for WebClient; any connector will do. */
    @Bean
    WebClient krebitWebClient(Krebit krebit, KrebitExchangeFilterFunction auth) {
      return WebClient.builder()
          .clientConnector(new JdkClientHttpConnector())
          .baseUrl(krebit.config().tenant().apiBase().toString())
          .filter(auth)
          .build();
    }
    // README:end spring-boot-clients
  }

  @DynamicPropertySource
  static void krebit(DynamicPropertyRegistry registry) {
    registry.add("krebit.tenant", () -> FAKE.baseUri().toString());
    registry.add("krebit.client.id", () -> CLIENT_ID);
    registry.add("krebit.client.secret", () -> SECRET);
  }

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  @Autowired RestClient restClient;
  @Autowired WebClient webClient;
  @Autowired TokenSource tokens;

  @Test
  void restClientCallsKrebitWithTheApplicationsToken() {
    ResponseEntity<String> me = restClient.get().uri("me").retrieve().toEntity(String.class);
    assertThat(me.getStatusCode().value()).isEqualTo(200);
    assertThat(FAKE.journal().lastApiRequest().orElseThrow().toString()).doesNotContain(SECRET);
  }

  @Test
  void restClientRecoversFromARevokedTokenWithOneNewToken() {
    AccessToken revoked = tokens.token();
    FAKE.revoke(revoked);
    long tokenRequests = FAKE.journal().totalTokenRequestCount();
    long apiRequests = FAKE.journal().totalApiRequestCount();

    assertThat(restClient.get().uri("me").retrieve().toEntity(String.class).getStatusCode().value())
        .isEqualTo(200);

    assertThat(FAKE.journal().totalTokenRequestCount()).isEqualTo(tokenRequests + 1);
    assertThat(FAKE.journal().totalApiRequestCount())
        .isEqualTo(apiRequests + 2); // refused once, then served
    assertThat(tokens.token().value()).isNotEqualTo(revoked.value());
  }

  @Test
  void webClientRecoversFromARevokedTokenWithOneNewToken() {
    AccessToken revoked = tokens.token();
    FAKE.revoke(revoked);
    long tokenRequests = FAKE.journal().totalTokenRequestCount();

    HttpStatusCode status =
        webClient
            .get()
            .uri("me")
            .retrieve()
            .toBodilessEntity()
            .block(Duration.ofSeconds(30))
            .getStatusCode();

    assertThat(status.value()).isEqualTo(200);
    assertThat(FAKE.journal().totalTokenRequestCount()).isEqualTo(tokenRequests + 1);
  }

  @Test
  void aPostRefusedWithARevokedTokenIsNotSentAgain() {
    FAKE.revoke(tokens.token());
    long apiRequests = FAKE.journal().totalApiRequestCount();

    HttpStatusCode status =
        restClient
            .post()
            .uri("signings")
            .body("{}")
            .exchange((request, response) -> response.getStatusCode());

    assertThat(status.value()).isEqualTo(401);
    assertThat(FAKE.journal().totalApiRequestCount()).isEqualTo(apiRequests + 1);
  }

  @Test
  void otherHostsNeverSeeTheToken() throws Exception {
    try (FakeKrebitServer other =
        FakeKrebitServer.builder().app(CLIENT_ID, SECRET).build().start()) {
      HttpStatusCode status =
          restClient
              .get()
              .uri(other.apiBaseUri().resolve("me"))
              .exchange((request, response) -> response.getStatusCode());
      assertThat(status.value()).isEqualTo(401); // no Authorization header at all
      assertThat(other.journal().lastApiRequest().orElseThrow().toString())
          .doesNotContain("Bearer");
    }
  }

  /**
   * A WebClient call subscribed on a single thread, as on an event loop, while the first token
   * request takes seconds: the thread stays free to run other work, no thread waits in {@code
   * token()} (a hop to another scheduler would still block one there), and the call then completes
   * with that one token.
   */
  @Test
  void theWebClientFilterBlocksNoThreadWhileTheTokenIsFetched() throws Exception {
    Duration tokenLatency = Duration.ofSeconds(5);
    Scheduler loop = Schedulers.newSingle("event-loop");
    try (FakeKrebitServer slow =
        FakeKrebitServer.builder().app(CLIENT_ID, SECRET).build().start()) {
      slow.failNextTokenRequests(1, InjectedFault.delay(tokenLatency));
      appOn(slow)
          .run(
              context -> {
                WebClient web = context.getBean(WebClient.class);
                CompletableFuture<Integer> call =
                    web.get()
                        .uri("me")
                        .retrieve()
                        .toBodilessEntity()
                        .map(response -> response.getStatusCode().value())
                        .subscribeOn(loop)
                        .toFuture();
                // Journaled when it arrives, before the fake's delay: the token is on its way.
                await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> slow.journal().totalTokenRequestCount() == 1);

                // The loop runs other work while the token request is still unanswered.
                CompletableFuture<Boolean> callPendingWhenLoopRan =
                    Mono.fromCallable(() -> !call.isDone()).subscribeOn(loop).toFuture();
                assertThat(
                        callPendingWhenLoopRan.get(
                            tokenLatency.toMillis() / 2, TimeUnit.MILLISECONDS))
                    .isTrue();
                assertThat(slow.journal().totalApiRequestCount()).isZero();
                // Nor does any other thread wait for the token: only the cache's own request runs.
                assertThat(threadsWaitingForAToken()).isEmpty();

                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                assertThat(slow.journal().totalTokenRequestCount()).isEqualTo(1);
              });
    } finally {
      loop.dispose();
    }
  }

  /**
   * The health indicator of a fresh application: no token cached and none requested by the check;
   * after the first call, the cached token's age, the circuit closed and the store reachable.
   */
  @Test
  void healthShowsTheCachedTokensAgeWithoutRequestingOne() {
    appOn(FAKE)
        .withConfiguration(AutoConfigurations.of(KrebitHealthAutoConfiguration.class))
        .run(
            context -> {
              KrebitHealthIndicator health = context.getBean(KrebitHealthIndicator.class);
              long tokenRequests = FAKE.journal().totalTokenRequestCount();

              Health before = health.health();
              assertThat(before.getStatus()).isEqualTo(Status.UP);
              assertThat(before.getDetails()).containsEntry("appTokenAge", "none cached");
              assertThat(FAKE.journal().totalTokenRequestCount()).isEqualTo(tokenRequests);

              Instant requested = Instant.now();
              context.getBean(TokenSource.class).token();
              Instant served = Instant.now();
              Instant checking = Instant.now();
              Health after = health.health();
              Instant checked = Instant.now();
              Duration age = Duration.parse((String) after.getDetails().get("appTokenAge"));
              assertThat(age)
                  .isGreaterThanOrEqualTo(Duration.between(served, checking))
                  .isLessThanOrEqualTo(Duration.between(requested, checked).plusMillis(1));
              assertThat(after.getDetails())
                  .containsEntry("tokenEndpointCircuit", "CLOSED")
                  .containsEntry("tokenStore", "reachable");
              assertThat(after.getDetails().toString()).doesNotContain(SECRET);
              assertThat(FAKE.journal().totalTokenRequestCount()).isEqualTo(tokenRequests + 1);
            });
  }

  /** The application, in a context of its own, calling {@code fake}. */
  private static ApplicationContextRunner appOn(FakeKrebitServer fake) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KrebitAutoConfiguration.class))
        .withBean(App.class)
        .withPropertyValues(
            "krebit.tenant=" + fake.baseUri(),
            "krebit.client.id=" + CLIENT_ID,
            "krebit.client.secret=" + SECRET);
  }

  /** Threads blocked in a token source's {@code token()}, as a caller waiting for its token. */
  private static List<String> threadsWaitingForAToken() {
    List<String> waiting = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              for (StackTraceElement frame : stack) {
                if (frame.getClassName().equals("se.krebit.auth.TokenCache")
                    && frame.getMethodName().equals("slowGet")) {
                  waiting.add(thread.getName());
                }
              }
            });
    return waiting;
  }

  /**
   * 64 concurrent requests, half through RestClient and half through WebClient, when the cached
   * token has expired (real clock, 10 s tokens): one token request. Ten seconds, not five: the
   * second token's own refresh ahead must not come due while a loaded machine runs the 64 calls.
   */
  @Test
  void sixtyFourConcurrentRequestsAtExpiryCauseOneTokenRequest() throws Exception {
    try (FakeKrebitServer shortLived =
        FakeKrebitServer.builder()
            .app(CLIENT_ID, SECRET)
            .tokenLifetime(Duration.ofSeconds(10))
            .build()
            .start()) {
      appOn(shortLived)
          .run(
              context -> {
                RestClient rest = context.getBean(RestClient.class);
                WebClient web = context.getBean(WebClient.class);
                AccessToken first = context.getBean(TokenSource.class).token();
                // Counted before the expiry: the one new token is either the cache's refresh ahead
                // of expiry or, if that timer is late, the one request the 64 callers share; never
                // one per caller.
                long before = shortLived.journal().totalTokenRequestCount();
                await()
                    .atMost(Duration.ofSeconds(25))
                    .until(() -> Instant.now().isAfter(first.expiresAt()));

                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(64);
                try {
                  List<Future<Integer>> calls = new ArrayList<>();
                  for (int i = 0; i < 64; i++) {
                    Callable<Integer> call =
                        i % 2 == 0
                            ? () ->
                                rest.get()
                                    .uri("me")
                                    .retrieve()
                                    .toBodilessEntity()
                                    .getStatusCode()
                                    .value()
                            : () ->
                                web.get()
                                    .uri("me")
                                    .retrieve()
                                    .toBodilessEntity()
                                    .block(Duration.ofSeconds(60))
                                    .getStatusCode()
                                    .value();
                    calls.add(
                        pool.submit(
                            () -> {
                              start.await();
                              return call.call();
                            }));
                  }
                  start.countDown();
                  for (Future<Integer> call : calls) {
                    assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                  }
                } finally {
                  pool.shutdownNow();
                }
                assertThat(shortLived.journal().totalTokenRequestCount()).isEqualTo(before + 1);
              });
    }
  }
}
