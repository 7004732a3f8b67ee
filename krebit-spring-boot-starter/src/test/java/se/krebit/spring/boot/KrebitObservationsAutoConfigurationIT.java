package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.api.KrebitClient;
import se.krebit.auth.testing.RecordingTokenListener;
import se.krebit.micrometer.KrebitMeters;
import se.krebit.micrometer.testing.SpanTreeChecks;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The auto-configured client's calls as an in-memory tracer (micrometer-tracing's {@code
 * SimpleTracer}) sees them, through the application's {@code ObservationRegistry}, against the fake
 * Krebit server over loopback.
 */
class KrebitObservationsAutoConfigurationIT {
  private static final String CLIENT_ID = "traced-app";
  private static final String SECRET = "traced-secret-0123456789";

  private final FakeKrebitServer fake =
      FakeKrebitServer.builder().app(CLIENT_ID, SECRET).build().start();
  private final SimpleTracer tracer = new SimpleTracer();

  @AfterEach
  void stop() {
    fake.close();
  }

  /**
   * me() once the cached token has expired (the fake's clock moved past its lifetime, so the fake
   * refuses it): the API call, the caller's wait for a new token in it, the token request in that;
   * the meters and the application's own listener hear the same requests.
   */
  @Test
  void meWithAnExpiredTokenIsAnApiCallThatWaitsForItsTokenRequest() {
    KrebitObservationsAutoConfigurationTest.observedKrebit()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(RecordingTokenListener.class, RecordingTokenListener::new)
        .withBean(ObservationRegistry.class, this::tracedRegistry)
        .withPropertyValues(
            "krebit.tenant=" + fake.baseUri(),
            "krebit.client.id=" + CLIENT_ID,
            "krebit.client.secret=" + SECRET)
        .run(
            context -> {
              KrebitClient client = context.getBean(KrebitClient.class);
              client.me();
              fake.clock().advance(fake.tokenLifetime().plus(Duration.ofMinutes(1)));
              tracer.getSpans().clear();

              client.me();

              assertThat(tracer.getSpans())
                  .extracting(SimpleSpan::getName)
                  .containsExactlyInAnyOrder(
                      "krebit MeApi.me", "krebit token wait", "krebit token request");
              List<SimpleSpan> chain =
                  SpanTreeChecks.chain(
                      tracer.getSpans(),
                      "krebit MeApi.me",
                      "krebit token wait",
                      "krebit token request");
              assertThat(tracer.getSpans()).allSatisfy(SpanTreeChecks::ended);
              assertThat(chain.get(0).getTags()).containsEntry("outcome", "success");
              assertThat(chain.get(2).getTags())
                  .containsEntry("grant_type", "client_credentials")
                  .containsEntry("status", "200")
                  .containsEntry("request_id", fake.journal().tokenRequests().get(1).requestId());
              SpanTreeChecks.noSecretIn(tracer.getSpans(), List.of(SECRET));
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(KrebitMeters.TOKEN_REQUESTS)
                          .timer()
                          .count())
                  .as("the meters hear the same requests")
                  .isEqualTo(2);
              assertThat(context.getBean(RecordingTokenListener.class).requests())
                  .as("and so does the application's own TokenListener bean")
                  .hasSize(2);
            });
  }

  private ObservationRegistry tracedRegistry() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    return registry;
  }
}
