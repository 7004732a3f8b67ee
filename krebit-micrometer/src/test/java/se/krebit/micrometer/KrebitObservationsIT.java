package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.api.KrebitClient;
import se.krebit.api.Me;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.micrometer.testing.SpanTree;
import se.krebit.micrometer.testing.SpanTreeChecks;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The observations as a tracer sees them: an in-memory tracer (micrometer-tracing's {@code
 * SimpleTracer} behind its {@code DefaultTracingObservationHandler}) records real calls to the fake
 * over loopback, and the span tree their parent ids make is what an operator would see.
 */
class KrebitObservationsIT {
  static final Duration PAST_EXPIRY = Duration.ofHours(2);
  static final URI CALLBACK = URI.create("http://127.0.0.1:9999/oauth/callback");

  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-client-secret")
          .redirectUri("demo-client", CALLBACK.toString())
          .build();

  private final SimpleTracer tracer = new SimpleTracer();
  private final ObservationRegistry registry = ObservationRegistry.create();

  {
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
  }

  // README:begin observations
  /** A client whose API calls, token waits and token requests are observations, and meters. */
  static KrebitClient tracedClient(Tenant tenant, TokenEndpoint endpoint, ClientCredentials client,
      ObservationRegistry observations, MeterRegistry meters, Clock clock) {
    TokenSource tokens = ClientCredentialsTokenSource.builder()
        .endpoint(endpoint)
        .client(client)
        .listener(TokenListener.all(new KrebitMeters(meters), new KrebitObservations(observations)))
        .clock(clock)
        .scheduler((at, refresh) -> () -> {})  // (this test: no refresh ahead, so the token expires)
        .build();
    return KrebitClient.builder()
        .tenant(tenant)
        .tokenSource(tokens)
        .listener(new KrebitApiObservations(observations))  // the API call: the root of the trace
        .build();
  }
  // README:end observations

  // README:begin observations-tree
  /** me() with an expired token: the API call, the caller's wait in it, the token request in that. */
  static final String EXPIRED_TOKEN_TREE = """
      krebit MeApi.me  operation=MeApi.me  outcome=success  status=none
        krebit token wait  grant_type=client_credentials  outcome=success
          krebit token request  grant_type=client_credentials  outcome=success  request_id=…  status=200
      """;
  // README:end observations-tree

  @Test
  void meWithAnExpiredTokenIsAnApiCallThatWaitsForItsTokenRequest(FakeKrebitServer server) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KrebitClient client =
        tracedClient(
            server.tenant(),
            FeignTokenEndpoint.builder().tenant(server.tenant()).build(),
            server.credentials("demo-client"),
            registry,
            meters,
            server.clock());
    client.me();
    server.clock().advance(PAST_EXPIRY);
    tracer.getSpans().clear();

    client.me();

    assertThat(SpanTree.render(tracer.getSpans())).isEqualTo(EXPIRED_TOKEN_TREE);
    SimpleSpan request =
        SpanTreeChecks.chain(
                tracer.getSpans(), "krebit MeApi.me", "krebit token wait", "krebit token request")
            .get(2);
    assertThat(tracer.getSpans()).allSatisfy(SpanTreeChecks::ended);
    assertThat(request.getTags().get("request_id"))
        .isEqualTo(server.journal().tokenRequests().get(1).requestId());
    SpanTreeChecks.noSecretIn(
        tracer.getSpans(), List.of(server.credentials("demo-client").secret().reveal()));
    assertThat(tracer.getSpans())
        .as("only these keys; the values are shown in the tree above")
        .allSatisfy(
            span ->
                assertThat(span.getTags().keySet())
                    .isSubsetOf("operation", "outcome", "status", "request_id", "grant_type"));
    assertThat(meters.get(KrebitMeters.TOKEN_REQUESTS).timer().count())
        .as("the meters hear the same requests")
        .isEqualTo(2);
  }

  @Test
  void aUsersExpiredTokenIsRefreshedUnderTheRefreshLeaseInsideTheCallersWait(
      FakeKrebitServer server) throws Exception {
    AuthorizationCodeFlow flow = flow(server);
    flow.complete(consentedCallback(flow));
    KrebitClient client =
        KrebitClient.builder()
            .tenant(server.tenant())
            .tokenSource(flow.forSubject("user-7"))
            .listener(new KrebitApiObservations(registry))
            .build();
    Me first = client.me();
    server.clock().advance(PAST_EXPIRY);
    tracer.getSpans().clear();

    assertThat(client.me()).isEqualTo(first);

    assertThat(SpanTree.render(tracer.getSpans()))
        .isEqualTo(
            """
            krebit MeApi.me  operation=MeApi.me  outcome=success  status=none
              krebit token wait  grant_type=refresh_token  outcome=success
                krebit refresh lease  grant_type=refresh_token  outcome=held
                  krebit token request  grant_type=refresh_token  outcome=success  request_id=…  status=200
            """);
    assertThat(tracer.getSpans()).allSatisfy(SpanTreeChecks::ended);
    SpanTreeChecks.noSecretIn(
        tracer.getSpans(),
        List.of(
            flow.forSubject("user-7").token().value(),
            server.credentials("demo-client").secret().reveal()));
  }

  @Test
  void theCodeExchangeNestsUnderTheCallersCurrentObservation(FakeKrebitServer server)
      throws Exception {
    AuthorizationCodeFlow flow = flow(server);
    URI consented = consentedCallback(flow);

    io.micrometer.observation.Observation.createNotStarted("callback", registry)
        .observe(() -> flow.complete(consented));

    assertThat(SpanTree.render(tracer.getSpans()))
        .isEqualTo(
            """
            callback
              krebit token request  grant_type=authorization_code  outcome=success  request_id=…  status=200
            """);
  }

  /** A sign-in flow with observations; alice approves whatever it asks. */
  private AuthorizationCodeFlow flow(FakeKrebitServer server) {
    server.consent().approveAs("alice", Set.of("signer"));
    return AuthorizationCodeFlow.builder()
        .tenant(server.tenant())
        .client(server.credentials("demo-client"))
        .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
        .redirectUri(CALLBACK)
        .listener(new KrebitObservations(registry))
        .clock(server.clock())
        .build();
  }

  /** Where the fake's consent page sends user-7's browser back to, code and state included. */
  private static URI consentedCallback(AuthorizationCodeFlow flow) throws Exception {
    HttpResponse<Void> consent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(flow.begin(CALLBACK, "user-7").uri()).build(),
                HttpResponse.BodyHandlers.discarding());
    return URI.create(consent.headers().firstValue("Location").orElseThrow());
  }
}
