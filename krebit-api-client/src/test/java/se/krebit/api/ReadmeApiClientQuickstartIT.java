package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's API-client quickstart, verbatim between the {@code README} markers, run against the
 * fake server: if the README's code stops compiling or working, this fails.
 */
class ReadmeApiClientQuickstartIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final Logger log = LoggerFactory.getLogger(ReadmeApiClientQuickstartIT.class);

  // README:begin api-client-quickstart
  static Me firstCall(Tenant tenant, String clientId, String clientSecret) {
    TokenSource appTokens = ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(tenant).build())
        .client(ClientCredentials.of(clientId, clientSecret))
        .build();
    KrebitClient krebit = KrebitClient.builder()
        .tenant(tenant)                               // e.g. Tenant.organization("acme")
        .tokenSource(appTokens)
        .build();                                     // build once, share: it is thread-safe

    try {
      Me me = krebit.me();                            // GET /api/1.0/me, {"data": {…}} or bare
      log.info("Calling Krebit as {} ({}) of {}", me.id(), me.name().orElse("-"),
          me.organization().flatMap(Me.Organization::name).orElse("-"));
      return me;
    } catch (KrebitForbiddenException e) {            // 403: the identity lacks a role
      log.warn("Forbidden: {} (request_id {})", e.serverMessage().orElse("-"), e.requestId().orElse("-"));
      throw e;
    }
  }
  // README:end api-client-quickstart

  @Test
  void theQuickstartRunsAgainstTheFakeServer(FakeKrebitServer server) {
    Me me = firstCall(server.tenant(), TestClients.CLIENT_ID, TestClients.SECRET);

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(me.organization().flatMap(Me.Organization::name)).contains(FakeKrebitServer.DEFAULT_ORGANIZATION_NAME);
    assertThat(server.journal().apiRequests()).extracting(r -> r.path()).containsExactly("/api/1.0/me");
  }

  @Test
  void theQuickstartsForbiddenBranchIsTheTypedError(FakeKrebitServer server) {
    server.requireRole("/api/1.0/me", "archivist");

    assertThatThrownBy(() -> firstCall(server.tenant(), TestClients.CLIENT_ID, TestClients.SECRET))
        .isInstanceOf(KrebitForbiddenException.class)
        .hasMessageContaining("archivist");
  }
}
