package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.RequestLine;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedApiRequest;

/** Bearer tokens on every call, one retry after a 401, and typed 401 and 403 errors. */
class AuthenticationIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @Test
  void aRevokedTokenIsReplacedAndTheCallRetriedExactlyOnce(FakeKrebitServer server) {
    RecordingTokenSource tokens = new RecordingTokenSource(TestClients.tokens(server));
    KrebitClient krebit = TestClients.builder(server, tokens).build();
    krebit.me();
    AccessToken revoked = tokens.served.get(0);
    server.revoke(revoked);
    int tokenRequests = server.journal().tokenRequestCount();
    int apiRequests = server.journal().apiRequestCount();

    Me me = krebit.me();

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(server.journal().tokenRequestCount() - tokenRequests).isEqualTo(1);
    assertThat(server.journal().apiRequestCount() - apiRequests).isEqualTo(2);
    assertThat(tokens.invalidated).containsExactly(revoked);
    assertThat(server.journal().apiRequests().subList(apiRequests, apiRequests + 2))
        .extracting(request -> request.status().getAsInt())
        .containsExactly(401, 200);
  }

  @Test
  void aTokenRefusedAgainAfterRenewalIsATypedErrorAfterExactlyTwoRequests(FakeKrebitServer server) {
    RecordingTokenSource tokens =
        new RecordingTokenSource(new FixedTokenSource("not-a-token-the-fake-issued"));
    KrebitClient krebit = TestClients.builder(server, tokens).build();

    assertThatThrownBy(krebit::me)
        .isInstanceOfSatisfying(
            KrebitUnauthorizedException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(401);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.path()).isEqualTo("/api/1.0/me");
              assertThat(e.requestId()).contains(lastRequestId(server));
              assertThat(e.serverMessage()).contains("The access token is unknown");
              assertThat(e).hasMessageNotContaining("not-a-token-the-fake-issued");
            });
    assertThat(server.journal().apiRequestCount()).isEqualTo(2);
    assertThat(server.journal().tokenRequestCount()).isZero();
    assertThat(tokens.invalidated).containsExactly(tokens.served.get(0));
  }

  @Test
  void aMissingRoleIsForbiddenWithTheRequestIdAndTheServersMessage(FakeKrebitServer server) {
    server.requireRole("/api/1.0/me", "admin");
    KrebitClient krebit = TestClients.client(server);

    assertThatThrownBy(krebit::me)
        .isInstanceOfSatisfying(
            KrebitForbiddenException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(403);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.requestId()).contains(lastRequestId(server));
              assertThat(e.serverMessage())
                  .hasValueSatisfying(
                      message -> assertThat(message).contains("lacks the role(s) [admin]"));
              assertThat(e).hasMessageContaining("request_id " + lastRequestId(server));
            });
    assertThat(server.journal().apiRequestCount())
        .as("403 is neither retried nor re-authenticated")
        .isEqualTo(1);
  }

  @Test
  void aTokenSourceThatCannotGetATokenFailsWithItsOwnErrorAndNothingIsSent(
      FakeKrebitServer server) {
    ClientCredentialsTokenSource wrongSecret =
        ClientCredentialsTokenSource.builder()
            .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
            .client(ClientCredentials.of(TestClients.CLIENT_ID, "wrong-secret"))
            .build();
    KrebitClient krebit = TestClients.builder(server, wrongSecret).build();

    assertThatThrownBy(krebit::me).isInstanceOf(InvalidClientException.class);
    assertThat(server.journal().apiRequestCount()).isZero();
  }

  interface Elsewhere {
    @RequestLine("GET /me")
    String me(URI baseUrl);
  }

  @Test
  void theTokenIsNeverSentOutsideTheApiBase(FakeKrebitServer server) {
    RecordingTokenSource tokens = new RecordingTokenSource(TestClients.tokens(server));
    Elsewhere elsewhere = TestClients.builder(server, tokens).build().api(Elsewhere.class);

    assertThatThrownBy(() -> elsewhere.me(URI.create("http://127.0.0.2:9/")))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("refusing to send the Krebit access token to http://127.0.0.2:9/me");
    assertThatThrownBy(() -> elsewhere.me(server.baseUri()))
        .as("the right host, but outside /api/1.0")
        .isInstanceOf(KrebitConfigurationException.class);
    assertThat(tokens.served).isEmpty();
    assertThat(server.journal().apiRequestCount()).isZero();
  }

  interface Documents {
    @RequestLine("GET /documents")
    String list();
  }

  @Test
  void userInterfacesGetTheSameAuthentication(FakeKrebitServer server) {
    server.stub("GET", "/api/1.0/documents").respond(200, "[]");
    RecordingTokenSource tokens = new RecordingTokenSource(TestClients.tokens(server));
    KrebitClient krebit = TestClients.builder(server, tokens).build();
    krebit.me();
    server.revoke(tokens.served.get(0));

    assertThat(krebit.api(Documents.class).list()).isEqualTo("[]");
    assertThat(server.journal().apiRequests())
        .extracting(RecordedApiRequest::path, r -> r.status().getAsInt())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/api/1.0/me", 200),
            org.assertj.core.groups.Tuple.tuple("/api/1.0/documents", 401),
            org.assertj.core.groups.Tuple.tuple("/api/1.0/documents", 200));
  }

  private static String lastRequestId(FakeKrebitServer server) {
    return server.journal().lastApiRequest().orElseThrow().requestId();
  }
}
