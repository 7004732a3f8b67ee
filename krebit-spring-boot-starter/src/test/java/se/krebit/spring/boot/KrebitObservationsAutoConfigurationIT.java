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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.api.KrebitClient;
import se.krebit.auth.testing.RecordingTokenListener;
import se.krebit.micrometer.KrebitMeters;
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

              Map<String, SimpleSpan> byName =
                  tracer.getSpans().stream()
                      .collect(Collectors.toMap(SimpleSpan::getName, Function.identity()));
              assertThat(byName)
                  .containsOnlyKeys("krebit MeApi.me", "krebit token wait", "krebit token request");
              SimpleSpan call = byName.get("krebit MeApi.me");
              SimpleSpan wait = byName.get("krebit token wait");
              SimpleSpan request = byName.get("krebit token request");
              assertThat(call.getParentId()).isNullOrEmpty();
              assertThat(wait.getParentId()).isEqualTo(call.getSpanId());
              assertThat(request.getParentId()).isEqualTo(wait.getSpanId());
              assertThat(List.of(wait.getTraceId(), request.getTraceId()))
                  .containsOnly(call.getTraceId());
              assertThat(tracer.getSpans())
                  .as("every span ended: SimpleSpan's end time is 0 until then")
                  .allSatisfy(
                      span -> assertThat(span.getEndTimestamp().toEpochMilli()).isPositive());
              assertThat(call.getTags()).containsEntry("outcome", "success");
              assertThat(request.getTags())
                  .containsEntry("grant_type", "client_credentials")
                  .containsEntry("status", "200")
                  .containsEntry("request_id", fake.journal().tokenRequests().get(1).requestId());
              assertThat(tracer.getSpans())
                  .allSatisfy(
                      span ->
                          assertThat(span.getTags().values()).noneMatch(v -> v.contains(SECRET)));
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
