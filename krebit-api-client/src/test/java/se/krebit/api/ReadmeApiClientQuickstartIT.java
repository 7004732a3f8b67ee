package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Param;
import feign.RequestLine;
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
  interface Documents {
    @RequestLine("GET /documents/{id}")             // paths are relative to /api/1.0
    Document get(@Param("id") String id);
  }

  record Document(String id, String title) {}        // unknown JSON members are ignored

  static Document firstCalls(Tenant tenant, String clientId, String clientSecret) {
    TokenSource appTokens = ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(tenant).build())
        .client(ClientCredentials.of(clientId, clientSecret))
        .build();
    KrebitClient krebit = KrebitClient.builder()
        .tenant(tenant)                               // e.g. Tenant.organization("acme")
        .tokenSource(appTokens)
        .build();                                     // build once, share: it is thread-safe

    Me me = krebit.me();                              // GET /api/1.0/me
    log.info("Calling Krebit as {} with roles {}", me.id(), me.roles());

    try {
      return krebit.api(Documents.class).get("doc-1"); // GET /api/1.0/documents/doc-1
    } catch (KrebitForbiddenException e) {            // 403: the identity lacks a role
      log.warn("Forbidden: {} (request_id {})", e.serverMessage().orElse("-"), e.requestId().orElse("-"));
      throw e;
    }
  }
  // README:end api-client-quickstart

  @Test
  void theQuickstartRunsAgainstTheFakeServer(FakeKrebitServer server) {
    server.wireMock().stubFor(get("/api/1.0/documents/doc-1")
        .willReturn(okJson("{\"id\":\"doc-1\",\"title\":\"Lease\",\"pages\":3}")));

    Document document = firstCalls(server.tenant(), TestClients.CLIENT_ID, TestClients.SECRET);

    assertThat(document).isEqualTo(new Document("doc-1", "Lease"));
    assertThat(server.journal().apiRequests()).extracting(r -> r.path())
        .containsExactly("/api/1.0/me", "/api/1.0/documents/doc-1");
  }

  @Test
  void theQuickstartsForbiddenBranchIsTheTypedError(FakeKrebitServer server) {
    server.requireRole("/api/1.0/documents/doc-1", "archivist");

    assertThatThrownBy(() -> firstCalls(server.tenant(), TestClients.CLIENT_ID, TestClients.SECRET))
        .isInstanceOf(KrebitForbiddenException.class)
        .hasMessageContaining("archivist");
  }
}
