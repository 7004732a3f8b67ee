package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.CircuitState;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

class KrebitMetersIT {
  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KrebitMeters meters = new KrebitMeters(registry);
  private final MeterReadings read = new MeterReadings(registry);

  private ClientCredentialsTokenSource.Builder source(
      FakeKrebitServer server, FeignTokenEndpoint endpoint) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(endpoint)
        .client(server.credentials("demo-client"))
        .clock(server.clock())
        .listener(meters);
  }

  private static FeignTokenEndpoint endpoint(FakeKrebitServer server) {
    return FeignTokenEndpoint.builder()
        .tenant(server.tenant())
        .http(HttpConfig.custom().maxAttempts(1).build())
        .circuitBreakerWindow(2)
        .build();
  }

  @Test
  void requestsAreTimedByGrantAndOutcomeAndCacheHitsAreCallsLessWaits(FakeKrebitServer server) {
    TokenSource tokens = meters.counted("app", source(server, endpoint(server)).build());

    for (int i = 0; i < 100; i++) {
      tokens.token();
    }

    assertThat(read.tokenRequests("client_credentials", "success")).isEqualTo(1);
    assertThat(read.waits()).isEqualTo(1);
    assertThat(read.calls("app")).isEqualTo(100);
  }

  @Test
  void refusalsAndOutagesAreTheirOwnOutcomes(FakeKrebitServer server) {
    FeignTokenEndpoint endpoint = endpoint(server);
    assertThatThrownBy(
            source(server, endpoint)
                    .client(ClientCredentials.of("demo-client", "wrong-secret"))
                    .build()
                ::token)
        .isInstanceOf(InvalidClientException.class);
    server.failNextTokenRequests(1, InjectedFault.status(503));
    assertThatThrownBy(source(server, endpoint).build()::token)
        .isInstanceOf(TokenEndpointUnavailableException.class);

    assertThat(read.tokenRequests("refused")).isEqualTo(1);
    assertThat(read.tokenRequests("unavailable")).isEqualTo(1);
  }

  @Test
  void theCircuitBreakerGaugeFollowsTheBreaker(FakeKrebitServer server) {
    FeignTokenEndpoint endpoint = endpoint(server);
    meters.bindCircuitBreaker(endpoint);
    assertThat(read.circuit(CircuitState.CLOSED)).isEqualTo(1);

    server.failNextTokenRequests(10, InjectedFault.status(503));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              source(server, endpoint)
                      .refreshPolicy(
                          se.krebit.auth.RefreshPolicy.custom()
                              .acquireTimeout(Duration.ofSeconds(5))
                              .build())
                      .build()
                  ::token)
          .isInstanceOf(TokenEndpointUnavailableException.class);
    }

    assertThat(read.circuit(CircuitState.OPEN)).isEqualTo(1);
    assertThat(read.circuit(CircuitState.CLOSED)).isZero();
  }
}
