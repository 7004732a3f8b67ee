package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.testing.SettableClock;
import se.krebit.http.HttpConfig;

/** Repeated transient failures open the circuit; an open circuit fails fast without a request. */
class CircuitBreakerIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final SettableClock clock =
      SettableClock.startingAt(Instant.parse("2026-03-01T12:00:00Z"));

  @Test
  void opensAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheServer() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.json(503, "{}")));
    FeignTokenEndpoint endpoint =
        breakerOfTwo().http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(1).build()).build();

    for (int i = 0; i < 2; i++) {
      Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));
    }
    TokenEndpointUnavailableException error =
        Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

    assertThat(error).hasMessageContaining("circuit breaker is open");
    assertThat(error.isRetryable()).isTrue();
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    SERVER.verify(2, Wire.tokenRequests());
  }

  @Test
  void anOpeningCircuitEndsTheRetriesAtOnce() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.json(500, "{}")));
    FeignTokenEndpoint endpoint =
        breakerOfTwo().http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(5).build()).build();

    TokenEndpointUnavailableException error =
        Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

    assertThat(error).hasMessageContaining("circuit breaker is open");
    SERVER.verify(2, Wire.tokenRequests());
  }

  @Test
  void letsATrialRequestThroughAfterTheOpenDurationAndClosesOnSuccess() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.json(503, "{}")));
    FeignTokenEndpoint endpoint =
        breakerOfTwo().http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(2).build()).build();
    Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.success()));
    clock.advance(Duration.ofSeconds(31));

    assertThat(exchange(endpoint).accessToken()).isEqualTo("eyJhbGciOi...");
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    SERVER.verify(3, Wire.tokenRequests());
  }

  private FeignTokenEndpoint.Builder breakerOfTwo() {
    return TestEndpoints.at(SERVER.baseUrl())
        .circuitBreakerWindow(2)
        .circuitBreakerFailureRate(50f)
        .circuitBreakerOpenDuration(Duration.ofSeconds(30))
        .clock(clock);
  }

  private static se.krebit.auth.spi.TokenResponse exchange(FeignTokenEndpoint endpoint) {
    return endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
  }
}
