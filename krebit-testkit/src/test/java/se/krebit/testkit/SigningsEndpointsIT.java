package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.JsonBodies.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.docs.KrebitDocs;

/**
 * The fake's signing endpoints over HTTP, as Krebit's quickstart and reference describe them: the
 * quickstart's own draft body (read from the saved page) creates a signing with 201; the documented
 * refusals are 400s with field messages; pages carry {@code meta}; every answer has a {@code
 * request_id}; a test moves a signing on, after which it cannot be edited.
 */
class SigningsEndpointsIT {
  private static final String QUICKSTART_DRAFT = quickstartBody();

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private final FakeKrebitServer server = KREBIT.server();
  private final URI signings = server.apiBaseUri().resolve("signings");
  private final String bearer = "Bearer " + server.issueToken("demo-client").value();

  @Test
  void theQuickstartsDraftIsCreatedWith201AndItsMembers() {
    HttpResponse<String> created = post(signings, "application/json", QUICKSTART_DRAFT);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("request_id")).isPresent();
    Map<String, Object> body = json(created);
    assertThat((String) body.get("id")).matches("[0-9a-f-]{36}");
    assertThat(body)
        .containsAllEntriesOf(KrebitDocs.parsedJsonExamples("quickstart-signing.txt").get(0));
    FakeSigning held = server.signings().find((String) body.get("id")).orElseThrow();
    assertThat(held.state()).isEqualTo(SigningState.DRAFT);
    assertThat(held.name()).contains("Demo agreement");
    assertThat(data(get(signings.resolve("signings/" + held.id())))).isEqualTo(body);
  }

  @Test
  void theQuickstartsRefusalsAre400sWithFieldMessages() {
    HttpResponse<String> language =
        post(signings, "application/json", "{\"name\": \"x\", \"language\": \"XX\"}");
    HttpResponse<String> message =
        post(
            signings,
            "application/json",
            "{\"name\": \"x\", \"message\": \"" + "å".repeat(401) + "\"}");
    HttpResponse<String> types =
        post(signings, "application/json", "{\"name\": 7, \"signing_order\": []}");
    HttpResponse<String> notJson = post(signings, "application/json", "name=x");

    assertThat(language.statusCode()).isEqualTo(400);
    assertThat(json(language))
        .containsEntry("message", "The given data was invalid.")
        .containsEntry("errors", Map.of("language", List.of("unsupported_language")));
    assertThat(json(message)).containsEntry("errors", Map.of("message", List.of("too_long")));
    assertThat(json(types))
        .containsEntry(
            "errors",
            Map.of(
                "name", List.of("must_be_a_string"), "signing_order", List.of("must_be_a_string")));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(List.of(language, message, types, notJson))
        .allSatisfy(r -> assertThat(r.headers().firstValue("request_id")).isPresent());
    assertThat(
            post(signings, "application/json", "{\"message\": \"" + "å".repeat(400) + "\"}")
                .statusCode())
        .as("400 characters is the most, not a refusal")
        .isEqualTo(201);
    assertThat(server.signings().all()).hasSize(1);
  }

  @Test
  void pagesCarryLaravelsMetaAndLinks() {
    for (int i = 0; i < 17; i++) {
      post(signings, "application/json", "{\"name\": \"S" + i + "\"}");
    }

    Map<String, Object> first = json(get(signings));
    Map<String, Object> second = json(get(URI.create(signings + "?page=2")));
    Map<String, Object> small = json(get(URI.create(signings + "?page=3&per_page=5")));

    assertThat((List<?>) first.get("data")).hasSize(15);
    assertThat(member(first, "meta"))
        .containsEntry("current_page", 1L)
        .containsEntry("last_page", 2L)
        .containsEntry("per_page", 15L)
        .containsEntry("total", 17L)
        .containsEntry("from", 1L)
        .containsEntry("to", 15L);
    assertThat(member(first, "links"))
        .containsEntry("next", signings + "?page=2")
        .containsEntry("prev", null);
    assertThat((List<?>) second.get("data")).hasSize(2);
    assertThat(member(second, "links")).containsEntry("next", null);
    assertThat(member(small, "meta"))
        .containsEntry("current_page", 3L)
        .containsEntry("last_page", 4L);
    assertThat(member(small, "links")).containsEntry("next", signings + "?page=4&per_page=5");
    assertThat(get(URI.create(signings + "?page=0")).statusCode()).isEqualTo(400);
    assertThat(json(get(URI.create(signings + "?per_page=101")))).containsKey("errors");
    assertThat((List<?>) json(get(URI.create(signings + "?page=9"))).get("data")).isEmpty();
  }

  @Test
  void aPdfIsUploadedIntoADraftAndRefusedOnceTheSigningWasSent() {
    String id = created();
    URI documents = signings.resolve("signings/" + id + "/documents");

    HttpResponse<String> uploaded =
        post(
            documents,
            "multipart/form-data; boundary=XyZ",
            multipart(
                "selected_file", "contract.pdf", new String(SamplePdf.document("hi"), ISO_8859_1)));
    HttpResponse<String> notPdf =
        post(
            documents,
            "multipart/form-data; boundary=XyZ",
            multipart("selected_file", "a.txt", "hello"));
    HttpResponse<String> noFile =
        post(
            documents,
            "multipart/form-data; boundary=XyZ",
            multipart("other", "a.pdf", "%PDF-1.4"));
    HttpResponse<String> unknown =
        post(
            signings.resolve("signings/nope/documents"),
            "multipart/form-data; boundary=XyZ",
            multipart("selected_file", "a.pdf", "%PDF-1.4"));
    server.signings().send(id);
    HttpResponse<String> late =
        post(
            documents,
            "multipart/form-data; boundary=XyZ",
            multipart("selected_file", "late.pdf", "%PDF-1.4"));

    assertThat(uploaded.statusCode()).isEqualTo(201);
    assertThat(json(uploaded)).containsOnlyKeys("id");
    assertThat(json(notPdf))
        .containsEntry("errors", Map.of("selected_file", List.of("must_be_a_pdf")));
    assertThat(json(noFile)).containsEntry("errors", Map.of("selected_file", List.of("required")));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(json(late)).containsEntry("errors", Map.of("signing", List.of("cannot_be_edited")));
    FakeSigning sent = server.signings().find(id).orElseThrow();
    assertThat(sent.state()).isEqualTo(SigningState.SENT);
    assertThat(sent.documents())
        .singleElement()
        .satisfies(
            document -> {
              assertThat(document.id()).isEqualTo(json(uploaded).get("id"));
              assertThat(document.fileName()).isEqualTo("contract.pdf");
              assertThat(document.size()).isEqualTo(SamplePdf.document("hi").length);
            });
  }

  @Test
  void aDraftIsDeletedWith204AndASentOneIsNot() {
    String draft = created();
    String sent = created();
    server.signings().send(sent);

    HttpResponse<String> deleted = delete(signings.resolve("signings/" + draft));
    HttpResponse<String> refused = delete(signings.resolve("signings/" + sent));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.headers().firstValue("request_id")).isPresent();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(get(signings.resolve("signings/" + draft)).statusCode()).isEqualTo(404);
    assertThat(server.signings().all()).extracting(FakeSigning::id).containsExactly(sent);
  }

  @Test
  void aTestMovesASigningOnAlongItsLifeOnly() {
    String id = created();

    assertThatThrownBy(() -> server.signings().complete(id))
        .isInstanceOf(IllegalStateException.class);
    assertThat(server.signings().send(id).state()).isEqualTo(SigningState.SENT);
    assertThatThrownBy(() -> server.signings().send(id)).isInstanceOf(IllegalStateException.class);
    assertThat(server.signings().complete(id).state()).isEqualTo(SigningState.COMPLETED);
    assertThatThrownBy(() -> server.signings().cancel(id))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.signings().send("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSigningEndpointsNeedABearerTokenAndResetForgetsTheSignings() {
    HttpResponse<String> anonymous =
        Http.send(
            HttpRequest.newBuilder(signings)
                .timeout(Http.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(QUICKSTART_DRAFT)));
    created();

    server.reset();

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(server.signings().all()).isEmpty();
  }

  private String created() {
    return (String) json(post(signings, "application/json", QUICKSTART_DRAFT)).get("id");
  }

  private HttpResponse<String> post(URI uri, String contentType, String body) {
    return Http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Http.TIMEOUT)
            .header("Authorization", bearer)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, ISO_8859_1)));
  }

  private HttpResponse<String> get(URI uri) {
    return Http.get(uri, bearer);
  }

  private HttpResponse<String> delete(URI uri) {
    return Http.send(
        HttpRequest.newBuilder(uri).timeout(Http.TIMEOUT).header("Authorization", bearer).DELETE());
  }

  /**
   * One part, framed by hand as RFC 7578 does, so the fake's parsing is tested independently of any
   * client library.
   */
  private static String multipart(String field, String fileName, String content) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\""
        + field
        + "\"; filename=\""
        + fileName
        + "\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n"
        + content
        + "\r\n--XyZ--\r\n";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(Map<String, Object> object, String name) {
    return (Map<String, Object>) object.get(name);
  }

  /** The quickstart's step 2 body, exactly as written on the saved page. */
  private static String quickstartBody() {
    return KrebitDocs.jsonExamples("quickstart-signing.txt").get(0);
  }
}
