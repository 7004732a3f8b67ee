package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.CircuitState;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.guice.KrebitAuthModule;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * KrebitMetersModule, installed next to KrebitAuthModule, sees real token requests to the fake over
 * loopback.
 */
class KrebitMetersModuleIT {
  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private static KrebitAuthConfig config(FakeKrebitServer server) {
    return KrebitAuthConfig.custom()
        .tenant(server.tenant())
        .clientId("demo-client")
        .clientSecret(() -> ClientSecret.of("demo-secret"))
        .build();
  }

  private static KrebitAuthModule auth(FakeKrebitServer server) {
    return new KrebitAuthModule(config(server));
  }

  // README:begin guice-meters
  /** Meters for every token request, and your own refresh policy: each a module installed, nothing else. */
  static Injector krebitWithMeters(KrebitAuthConfig config, MeterRegistry registry, RefreshPolicy policy) {
    return Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config),
        new KrebitMetersModule(registry),       // the TokenListener, and the circuit breaker's gauge
        new AbstractModule() {
          @Override
          protected void configure() {          // TokenListener, RefreshPolicy and Clock are overridden so
            OptionalBinder.newOptionalBinder(binder(), RefreshPolicy.class).setBinding().toInstance(policy);
          }
        });
  }
  // README:end guice-meters

  @Test
  void oneInstallMetersTheGuiceBuiltSourceAndItsEndpointsBreaker(FakeKrebitServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RefreshPolicy policy = RefreshPolicy.custom().jitter(0).build();
    Injector injector = krebitWithMeters(config(server), registry, policy);

    TokenSource tokens = injector.getInstance(TokenSource.class);
    for (int i = 0; i < 10; i++) {
      tokens.token();
    }

    assertThat(injector.getInstance(TokenListener.class))
        .isSameAs(injector.getInstance(KrebitMeters.class));
    assertThat(injector.getInstance(RefreshPolicy.class)).isSameAs(policy);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
    MeterReadings read = new MeterReadings(registry);
    assertThat(read.tokenRequests("client_credentials", "success")).isEqualTo(1);
    assertThat(read.waits()).isEqualTo(1);
    assertThat(read.circuit(CircuitState.CLOSED)).isEqualTo(1);
  }

  @Test
  void theApplicationsBoundRegistryIsUsedWhenNoneIsGiven(FakeKrebitServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            auth(server),
            new KrebitMetersModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(MeterRegistry.class).toInstance(registry);
              }
            });

    injector.getInstance(TokenSource.class).token();

    assertThat(new MeterReadings(registry).tokenRequests("success")).isEqualTo(1);
  }
}
