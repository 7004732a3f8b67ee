package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedApiRequest;
import se.krebit.testkit.internal.FakeWireMock;

/**
 * Users' own Feign interfaces reach extra endpoints stubbed on the fake, authenticated like me().
 */
class UserInterfaceIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  record Signer(String email, Optional<String> name) {}

  record SigningPackage(String id, String title, Instant createdAt, List<Signer> signers) {}

  record NewPackage(String title, List<Signer> signers) {}

  interface Packages {
    @RequestLine("GET /packages/{id}")
    SigningPackage get(@Param("id") String id);

    @RequestLine("GET /packages?status={status}")
    List<SigningPackage> list(@Param("status") String status);

    @RequestLine("POST /packages")
    @Headers("Content-Type: application/json")
    SigningPackage create(NewPackage request);

    @RequestLine("GET /packages/{id}/document")
    @Headers("Accept: application/pdf")
    byte[] document(@Param("id") String id);

    default String titleOf(String id) {
      return get(id).title();
    }
  }

  private static final String PACKAGE =
      "{\"id\":\"p1\",\"title\":\"Lease\",\"created_by\":\"x\",\"createdAt\":\"2030-01-01T10:00:00Z\","
          + "\"signers\":[{\"email\":\"a@example.com\",\"name\":\"Ann\",\"order\":1},{\"email\":\"b@example.com\"}]}";

  @Test
  void aGetOfAStubbedEndpointIsAuthenticatedAndDecoded(FakeKrebitServer server) {
    FakeWireMock.of(server).stubFor(get("/api/1.0/packages/p1").willReturn(json(PACKAGE)));

    SigningPackage found = TestClients.client(server).api(Packages.class).get("p1");

    assertThat(found.id()).isEqualTo("p1");
    assertThat(found.createdAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
    assertThat(found.signers())
        .containsExactly(
            new Signer("a@example.com", Optional.of("Ann")),
            new Signer("b@example.com", Optional.empty()));
    RecordedApiRequest request = server.journal().lastApiRequest().orElseThrow();
    assertThat(request.clientId())
        .as("the fake accepted the bearer token")
        .contains(TestClients.CLIENT_ID);
    assertThat(request.status()).hasValue(200);
  }

  @Test
  void queriesListsAndDefaultMethodsWork(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(
            get(urlPathEqualTo("/api/1.0/packages"))
                .withQueryParam("status", equalTo("pending"))
                .willReturn(json("[" + PACKAGE + "]")));
    FakeWireMock.of(server).stubFor(get("/api/1.0/packages/p1").willReturn(json(PACKAGE)));
    Packages packages = TestClients.client(server).api(Packages.class);

    assertThat(packages.list("pending")).extracting(SigningPackage::id).containsExactly("p1");
    assertThat(packages.titleOf("p1")).isEqualTo("Lease");
    assertThat(server.journal().apiRequestCount()).isEqualTo(2);
  }

  @Test
  void aPostSendsItsBodyAsJson(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(post("/api/1.0/packages").willReturn(json(PACKAGE).withStatus(201)));
    Packages packages = TestClients.client(server).api(Packages.class);

    SigningPackage created =
        packages.create(
            new NewPackage("Lease", List.of(new Signer("a@example.com", Optional.of("Ann")))));

    assertThat(created.id()).isEqualTo("p1");
    FakeWireMock.of(server)
        .verify(
            postRequestedFor(urlPathEqualTo("/api/1.0/packages"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(
                    equalToJson(
                        "{\"title\":\"Lease\",\"signers\":[{\"email\":\"a@example.com\",\"name\":\"Ann\"}]}")));
  }

  @Test
  void rawBodiesComeBackAsBytes(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(
            get("/api/1.0/packages/p1/document")
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/pdf")
                        .withBody(new byte[] {'%', 'P', 'D', 'F'})));

    assertThat(TestClients.client(server).api(Packages.class).document("p1"))
        .containsExactly('%', 'P', 'D', 'F');
  }

  @Test
  void theSameInterfaceGivesTheSameImplementation(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);

    assertThat(krebit.api(Packages.class)).isSameAs(krebit.api(Packages.class));
    assertThatThrownBy(() -> krebit.api(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not an interface");
    assertThatThrownBy(() -> krebit.api(NotFeign.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NotFeign")
        .hasMessageContaining("list");
  }

  interface NotFeign {
    List<String> list();
  }

  @Test
  void bodiesAreDecodedInTheCharsetTheirContentTypeNames(FakeKrebitServer server) {
    String title = "Hyresavtal för Åsa";
    String body = PACKAGE.replace("\"Lease\"", "\"" + title + "\"");
    FakeWireMock.of(server)
        .stubFor(
            get("/api/1.0/packages/utf8")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body.getBytes(StandardCharsets.UTF_8))));
    FakeWireMock.of(server)
        .stubFor(
            get("/api/1.0/packages/latin1")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=ISO-8859-1")
                        .withBody(body.getBytes(StandardCharsets.ISO_8859_1))));
    Packages packages = TestClients.client(server).api(Packages.class);

    assertThat(packages.get("utf8").title()).isEqualTo(title);
    assertThat(packages.get("latin1").title()).isEqualTo(title);
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
