package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.api.ApiCallListener;
import se.krebit.api.KrebitClient;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.guice.KrebitApiModule;
import se.krebit.guice.KrebitAuthModule;
import se.krebit.micrometer.testing.SpanTree;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * KrebitObservationsModule and KrebitMetersModule installed together next to krebit-guice's
 * modules: the bound client's calls are traced, and its token requests both traced and metered.
 */
class KrebitObservationsModuleIT {
  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  @Test
  void metersAndTracesBothHearTheBoundClient(FakeKrebitServer server) {
    SimpleTracer tracer = new SimpleTracer();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultTracingObservationHandler(tracer));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            new KrebitAuthModule(
                KrebitAuthConfig.custom()
                    .tenant(server.tenant())
                    .clientId("demo-client")
                    .clientSecret(() -> ClientSecret.of("demo-secret"))
                    .build()),
            new KrebitApiModule(),
            new KrebitMetersModule(meters),
            new KrebitObservationsModule(observations));

    injector.getInstance(KrebitClient.class).me();

    assertThat(injector.getInstance(ApiCallListener.class))
        .isSameAs(injector.getInstance(KrebitApiObservations.class));
    assertThat(SpanTree.render(tracer.getSpans()))
        .isEqualTo(
            """
            krebit MeApi.me  operation=MeApi.me  outcome=success  status=none
              krebit token wait  grant_type=client_credentials  outcome=success
                krebit token request  grant_type=client_credentials  outcome=success  request_id=…  status=200
            """);
    assertThat(meters.get(KrebitMeters.TOKEN_REQUESTS).tag("outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(meters.get(KrebitMeters.TOKEN_WAITS).timer().count()).isEqualTo(1);
  }
}
