package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.Tenant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenResponse;

/**
 * The two token paths of Krebit's guides: {@code /oauth/token} first; after a 404, {@code
 * /api/oauth/token} once, kept if it answers as a token endpoint and said once at INFO; both 404 is
 * a configuration error naming both and the setting; an explicitly set path is the only one asked.
 */
class TokenPathIT {
  private static final String DEFAULT = "/oauth/token";
  private static final String ALTERNATIVE = "/api/oauth/token";

  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger endpointLog = (Logger) LoggerFactory.getLogger(FeignTokenEndpoint.class);

  @BeforeEach
  void captureTheEndpointsLog() {
    log.start();
    endpointLog.addAppender(log);
  }

  @AfterEach
  void release() {
    endpointLog.detachAppender(log);
  }

  @Test
  void theGuidesFirstPathIsAskedAndNothingElse() {
    SERVER.stubFor(post(DEFAULT).willReturn(Wire.success()));
    FeignTokenEndpoint endpoint = endpoint(tenant());

    endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);

    assertThat(requests(DEFAULT)).isEqualTo(1);
    assertThat(requests(ALTERNATIVE)).isZero();
    assertThat(endpoint.currentTokenEndpoint().getPath()).isEqualTo(DEFAULT);
  }

  @Test
  void after404TheOtherDocumentedPathIsAskedOnceAndKeptAndThatIsSaidOnce() {
    SERVER.stubFor(post(DEFAULT).willReturn(notFoundPage()));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(Wire.success()));
    FeignTokenEndpoint endpoint = endpoint(tenant());

    for (int i = 0; i < 3; i++) {
      assertThat(endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS).accessToken())
          .isEqualTo("eyJhbGciOi...");
    }

    assertThat(requests(DEFAULT)).as("the 404 path, once").isEqualTo(1);
    assertThat(requests(ALTERNATIVE)).isEqualTo(3);
    assertThat(endpoint.currentTokenEndpoint())
        .isEqualTo(URI.create(SERVER.baseUrl() + ALTERNATIVE));
    assertThat(infoLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(SERVER.baseUrl() + DEFAULT + " answered HTTP 404")
                    .contains(SERVER.baseUrl() + ALTERNATIVE + " answered as a token endpoint")
                    .contains("KREBIT_TOKEN_PATH", "--token-path", "Tenant.withTokenPath"));
  }

  @Test
  void aRefreshTokenGoesToTheOtherPathAfterA404SinceNothingProcessedIt() {
    SERVER.stubFor(post(DEFAULT).willReturn(notFoundPage()));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(Wire.success()));

    TokenResponse response =
        endpoint(tenant())
            .exchange(Wire.GUIDE_CLIENT, new RefreshTokenGrant(new RefreshToken("rt-1"), Set.of()));

    assertThat(response.accessToken()).isEqualTo("eyJhbGciOi...");
    assertThat(requests(DEFAULT)).isEqualTo(1);
    assertThat(requests(ALTERNATIVE)).isEqualTo(1);
  }

  @Test
  void anOAuthErrorFromTheOtherPathShowsItIsTheTokenEndpoint() {
    SERVER.stubFor(post(DEFAULT).willReturn(notFoundPage()));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(Wire.oauthError(401, "invalid_client")));
    FeignTokenEndpoint endpoint = endpoint(tenant());

    Thrown.by(
        InvalidClientException.class,
        () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));
    Thrown.by(
        InvalidClientException.class,
        () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));

    assertThat(requests(DEFAULT)).isEqualTo(1);
    assertThat(requests(ALTERNATIVE)).isEqualTo(2);
  }

  @Test
  void bothPathsAnswering404IsAConfigurationErrorNamingBothAndTheSetting() {
    SERVER.stubFor(post(DEFAULT).willReturn(notFoundPage()));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(notFoundPage()));
    FeignTokenEndpoint endpoint = endpoint(tenant());

    KrebitConfigurationException error =
        Thrown.by(
            KrebitConfigurationException.class,
            () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));

    assertThat(error)
        .hasMessageContaining(SERVER.baseUrl() + DEFAULT)
        .hasMessageContaining(SERVER.baseUrl() + ALTERNATIVE)
        .hasMessageContaining("both answered HTTP 404")
        .hasMessageContaining("KREBIT_TOKEN_PATH or KREBIT_TOKEN_URL")
        .hasMessageContaining("--token-path or --token-url")
        .hasMessageNotContaining("Not Found");
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    assertThat(error.isRetryable()).isFalse();
    assertThat(requests(DEFAULT)).isEqualTo(1);
    assertThat(requests(ALTERNATIVE)).isEqualTo(1);
    assertThat(endpoint.currentTokenEndpoint().getPath()).isEqualTo(DEFAULT);
    assertThat(infoLines()).isEmpty();
  }

  @Test
  void anExplicitlySetPathIsNeverReplacedByAnother() {
    SERVER.stubFor(post(DEFAULT).willReturn(Wire.success()));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(notFoundPage()));
    FeignTokenEndpoint endpoint = endpoint(tenant().withTokenPath(ALTERNATIVE));

    KrebitConfigurationException error =
        Thrown.by(
            KrebitConfigurationException.class,
            () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));

    assertThat(error)
        .hasMessageContaining(
            "token endpoint " + SERVER.baseUrl() + ALTERNATIVE + " answered HTTP 404")
        .hasMessageContaining("KREBIT_TOKEN_PATH")
        .hasMessageContaining("never replaced");
    assertThat(requests(DEFAULT)).isZero();
    assertThat(requests(ALTERNATIVE)).isEqualTo(1);
  }

  @Test
  void aPinnedAlternativePathIsAskedFirst() {
    SERVER.stubFor(post(ALTERNATIVE).willReturn(Wire.success()));

    endpoint(tenant().withTokenPath(ALTERNATIVE))
        .exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);

    assertThat(requests(DEFAULT)).isZero();
    assertThat(requests(ALTERNATIVE)).isEqualTo(1);
  }

  @Test
  void manyCallersMeetingThe404SwitchOnceAndSayItOnce() throws Exception {
    SERVER.stubFor(post(DEFAULT).willReturn(notFoundPage().withFixedDelay(100)));
    SERVER.stubFor(post(ALTERNATIVE).willReturn(Wire.success()));
    FeignTokenEndpoint endpoint = endpoint(tenant());
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<TokenResponse>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<TokenResponse> call =
            () -> {
              start.await();
              return endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
            };
        results.add(pool.submit(call));
      }
      start.countDown();
      for (Future<TokenResponse> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).accessToken()).isEqualTo("eyJhbGciOi...");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(requests(DEFAULT) + requests(ALTERNATIVE)).isLessThanOrEqualTo(2 * callers);
    assertThat(requests(ALTERNATIVE)).isEqualTo(callers);
    assertThat(infoLines()).hasSize(1);
    endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
    assertThat(requests(ALTERNATIVE)).isEqualTo(callers + 1);
  }

  private static Tenant tenant() {
    return Tenant.at(URI.create(SERVER.baseUrl()));
  }

  private static FeignTokenEndpoint endpoint(Tenant tenant) {
    return FeignTokenEndpoint.builder().tenant(tenant).http(TestEndpoints.FAST).build();
  }

  private static ResponseDefinitionBuilder notFoundPage() {
    return aResponse()
        .withStatus(404)
        .withHeader("Content-Type", "text/html")
        .withHeader("request_id", Wire.REQUEST_ID)
        .withBody("<h1>Not Found</h1>");
  }

  private static int requests(String path) {
    return SERVER.findAll(postRequestedFor(urlPathEqualTo(path))).size();
  }

  private List<String> infoLines() {
    return log.list.stream()
        .filter(event -> event.getLevel() == Level.INFO)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
