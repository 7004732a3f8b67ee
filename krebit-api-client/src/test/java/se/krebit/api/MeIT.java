package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedApiRequest;

/**
 * {@code GET /api/1.0/me} against the fake server, for app tokens and for a signed-in user's
 * tokens.
 */
class MeIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @Test
  void anAppTokenSeesItsAppIdentity(FakeKrebitServer server) {
    Me me = TestClients.client(server).me();

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(me.name()).contains(TestClients.CLIENT_ID);
    assertThat(me.email()).as("a service account").isEmpty();
    assertThat(me.organization())
        .contains(
            new Me.Organization(
                FakeKrebitServer.DEFAULT_ORGANIZATION_ID,
                Optional.of(FakeKrebitServer.DEFAULT_ORGANIZATION_NAME)));
    assertThat(me.roles()).containsExactly(TestClients.ROLE);
    assertThat(me.hasRole(TestClients.ROLE)).isTrue();
  }

  @Test
  void aUserTokenSeesTheUserWhoConsented(FakeKrebitServer server) throws Exception {
    URI callback = URI.create("http://127.0.0.1:9999/oauth/callback");
    server.consent().approveAs("alice", Set.of("signer"));
    AuthorizationCodeFlow flow =
        AuthorizationCodeFlow.builder()
            .tenant(server.tenant())
            .client(server.credentials(TestClients.CLIENT_ID))
            .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
            .redirectUri(callback)
            .clock(server.clock())
            .build();
    HttpResponse<Void> consent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(flow.begin(callback, "user-7").uri()).build(),
                HttpResponse.BodyHandlers.discarding());
    flow.complete(URI.create(consent.headers().firstValue("Location").orElseThrow()));

    Me me = TestClients.client(server).withTokenSource(flow.forSubject("user-7")).me();

    assertThat(me.id()).isEqualTo("alice");
    assertThat(me.name()).contains("alice");
    assertThat(me.email()).contains("alice@example.com");
    assertThat(me.roles()).containsExactly("signer");
  }

  @Test
  void theBearerTokenComesFromTheTokenSourceAndIsCached(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);

    krebit.me();
    krebit.me();
    krebit.me();

    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
    assertThat(server.journal().apiRequests())
        .hasSize(3)
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("GET");
              assertThat(request.path()).isEqualTo("/api/1.0/me");
              assertThat(request.clientId()).contains(TestClients.CLIENT_ID);
              assertThat(request.status()).hasValue(200);
            });
    assertThat(
            server.journal().apiRequests().stream()
                .map(RecordedApiRequest::tokenFingerprint)
                .distinct())
        .hasSize(1);
  }

  @Test
  void anotherTokenSourceActsAsAnotherIdentityOnTheSameClient(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    var otherTokens = TestClients.tokens(server);

    krebit.withTokenSource(otherTokens).me();
    krebit.me();

    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
    assertThat(krebit.withTokenSource(otherTokens).apiBaseUri()).isEqualTo(krebit.apiBaseUri());
  }
}
