package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.FakeSigning;
import se.krebit.testkit.RecordedApiRequest;
import se.krebit.testkit.SamplePdf;
import se.krebit.testkit.SigningState;
import se.krebit.testkit.docs.KrebitDocs;
import se.krebit.testkit.internal.FakeWireMock;

/**
 * Krebit's signing quickstart with {@link KrebitClient} against the fake, over loopback: a draft
 * from the quickstart's own example (read from the saved page), a PDF uploaded into it, the list
 * followed page by page, the signing read back; and every documented refusal as a {@link
 * KrebitValidationException} with its field messages and {@code request_id}.
 */
class SigningsIT {
  /** The quickstart's step 2 body, as the saved page shows it. */
  private static final Map<String, Object> QUICKSTART_DRAFT =
      KrebitDocs.parsedJsonExamples("quickstart-signing.txt").get(0);

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  @TempDir Path dir;

  private static NewSigning quickstartDraft() {
    return NewSigning.builder()
        .name((String) QUICKSTART_DRAFT.get("name"))
        .language((String) QUICKSTART_DRAFT.get("language"))
        .signingOrder((String) QUICKSTART_DRAFT.get("signing_order"))
        .message((String) QUICKSTART_DRAFT.get("message"))
        .build();
  }

  @Test
  void theQuickstartRoundTrips(FakeKrebitServer server) throws Exception {
    Signings signings = TestClients.client(server).signings();
    Path pdf = Files.write(dir.resolve("document.pdf"), SamplePdf.document("Please sign"));

    Signing draft = signings.create(quickstartDraft());
    Document document = signings.upload(draft.id(), pdf);
    List<Signing> listed = signings.list().toList();
    Signing read = signings.get(draft.id());

    assertThat(draft.name()).contains("Demo agreement");
    assertThat(draft.language()).contains("EN");
    assertThat(draft.signingOrder()).contains("sequential");
    assertThat(draft.message()).contains("Please sign by Friday.");
    assertThat(listed).containsExactly(draft);
    assertThat(read).isEqualTo(draft);
    FakeSigning held = server.signings().find(draft.id()).orElseThrow();
    assertThat(held.state()).isEqualTo(SigningState.DRAFT);
    assertThat(held.documents())
        .singleElement()
        .satisfies(
            uploaded -> {
              assertThat(uploaded.id()).isEqualTo(document.id());
              assertThat(uploaded.fileName()).isEqualTo("document.pdf");
              assertThat(uploaded.sha256()).isEqualTo(sha256(Files.readAllBytes(pdf)));
            });
    assertThat(server.journal().apiRequests())
        .extracting(r -> r.method() + " " + r.path() + " " + r.status().getAsInt())
        .containsExactly(
            "POST /api/1.0/signings 201",
            "POST /api/1.0/signings/" + draft.id() + "/documents 201",
            "GET /api/1.0/signings 200",
            "GET /api/1.0/signings/" + draft.id() + " 200");
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theDraftOnTheWireIsTheQuickstartsExample(FakeKrebitServer server) throws Exception {
    TestClients.client(server).signings().create(quickstartDraft());

    LoggedRequest sent =
        FakeWireMock.of(server).findAll(postRequestedFor(urlEqualTo("/api/1.0/signings"))).get(0);
    assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSONObjectUtils.parse(sent.getBodyAsString())).isEqualTo(QUICKSTART_DRAFT);
    assertThat(sent.getBodyAsString()).startsWith("{\"name\":"); // the quickstart's order
  }

  @Test
  void theUploadIsMultipartWithTheFileInSelectedFile(FakeKrebitServer server) throws Exception {
    Signings signings = TestClients.client(server).signings();
    Signing draft = signings.create(NewSigning.builder().name("Upload").build());
    byte[] pdf = SamplePdf.document("in memory");

    signings.upload(draft.id(), "contract \"v2\"\r\nX-Evil: 1.pdf", pdf);

    LoggedRequest sent =
        FakeWireMock.of(server)
            .findAll(postRequestedFor(urlEqualTo("/api/1.0/signings/" + draft.id() + "/documents")))
            .get(0);
    assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(sent.getHeader("Content-Length")).isEqualTo(String.valueOf(sent.getBody().length));
    assertThat(sent.getParts())
        .singleElement()
        .satisfies(
            part -> {
              assertThat(part.getName()).isEqualTo("selected_file");
              assertThat(part.getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
              assertThat(part.getBody().asBytes()).isEqualTo(pdf);
            });
    assertThat(sent.getBodyAsString())
        .doesNotContain("\r\nX-Evil: 1")
        .contains("filename=\"contract _v2___X-Evil: 1.pdf\"");
    assertThat(server.signings().find(draft.id()).orElseThrow().documents().get(0).fileName())
        .isEqualTo("contract _v2___X-Evil: 1.pdf");
  }

  @Test
  void theListFollowsPagesLazily(FakeKrebitServer server) {
    Signings signings = TestClients.client(server).signings();
    List<String> created =
        IntStream.rangeClosed(1, 40)
            .mapToObj(i -> signings.create(NewSigning.builder().name("Signing " + i).build()).id())
            .toList();
    int before = server.journal().apiRequestCount();

    List<String> firstTwenty = signings.list().limit(20).map(Signing::id).toList();
    int afterTwenty = server.journal().apiRequestCount() - before;
    List<String> all = signings.list().map(Signing::id).toList();

    assertThat(firstTwenty).isEqualTo(created.subList(0, 20));
    assertThat(afterTwenty).as("two pages of 15 hold the first twenty").isEqualTo(2);
    assertThat(all).isEqualTo(created);
    assertThat(server.journal().apiRequests().subList(before, server.journal().apiRequestCount()))
        .extracting(RecordedApiRequest::path)
        .containsOnly("/api/1.0/signings");
    SigningPage third = signings.page(3);
    assertThat(third.number()).isEqualTo(3);
    assertThat(third.signings()).hasSize(10);
    assertThat(third.lastPage()).hasValue(3);
    assertThat(third.total()).hasValue(40);
    assertThat(third.hasNext()).isFalse();
    assertThat(signings.page(1).hasNext()).isTrue();
  }

  @Test
  void anEmptyListIsOnePageAndNothingMore(FakeKrebitServer server) {
    assertThat(TestClients.client(server).signings().list()).isEmpty();
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnsupportedLanguageIsAValidationErrorWithItsFieldMessage(FakeKrebitServer server) {
    KrebitValidationException error =
        refused(
            server,
            () ->
                TestClients.client(server)
                    .signings()
                    .create(NewSigning.builder().name("x").language("XX").build()));

    assertThat(error.fieldErrors())
        .containsExactly(Map.entry("language", List.of("unsupported_language")));
    assertThat(error.messagesFor("language")).containsExactly("unsupported_language");
    assertThat(error.httpStatus()).hasValue(400);
    assertThat(error.isRetryable()).isFalse();
    assertThat(error)
        .hasMessageContaining(
            "POST /api/1.0/signings answered HTTP 400: Krebit refused the request's"
                + " content (language: unsupported_language). Server said: The given data was invalid.");
    assertThat(server.signings().all()).isEmpty();
  }

  @Test
  void aMessageOver400CharactersIsRefusedByKrebitNotByTheClient(FakeKrebitServer server) {
    Signings signings = TestClients.client(server).signings();

    KrebitValidationException error =
        refused(
            server,
            () ->
                signings.create(
                    NewSigning.builder().message("m".repeat(401)).language("XX").build()));
    Signing exactly400 = signings.create(NewSigning.builder().message("m".repeat(400)).build());

    assertThat(error.fieldErrors()).containsOnlyKeys("language", "message");
    assertThat(error.messagesFor("message")).containsExactly("too_long");
    assertThat(exactly400.message()).contains("m".repeat(400));
  }

  @Test
  void aSigningNoLongerDraftCannotBeEdited(FakeKrebitServer server) {
    Signings signings = TestClients.client(server).signings();
    Signing signing = signings.create(NewSigning.builder().name("Sent").build());
    server.signings().send(signing.id());

    KrebitValidationException error =
        refused(
            server, () -> signings.upload(signing.id(), "late.pdf", SamplePdf.document("late")));

    assertThat(error.fieldErrors())
        .containsExactly(Map.entry("signing", List.of("cannot_be_edited")));
    assertThat(server.signings().find(signing.id()).orElseThrow().documents()).isEmpty();
  }

  @Test
  void aFileThatIsNoPdfOrTooLargeIsRefusedBeforeAnythingIsSent(FakeKrebitServer server)
      throws Exception {
    Signings signings = TestClients.client(server).signings();
    Path text = Files.writeString(dir.resolve("notes.pdf"), "not a PDF at all");
    Path large =
        Files.write(dir.resolve("large.pdf"), SamplePdf.ofSize((int) DocumentUploads.MAX_BYTES));

    assertThat(catchThrowable(() -> signings.upload("s-1", text)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("it is not a PDF (a PDF begins with %PDF-)");
    assertThat(catchThrowable(() -> signings.upload("s-1", large)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("it has 10485760 bytes")
        .hasMessageContaining("under 10 MB");
    assertThat(catchThrowable(() -> signings.upload("s-1", dir.resolve("missing.pdf"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not a readable file");
    assertThat(catchThrowable(() -> signings.upload("s-1", "empty.pdf", new byte[0])))
        .isInstanceOf(InvalidDocumentException.class);
    assertThat(server.journal().apiRequestCount()).isZero();
    assertThat(server.journal().tokenRequestCount()).isZero();
  }

  @Test
  void aPdfJustUnderTheLimitIsStreamedAndAccepted(FakeKrebitServer server) throws Exception {
    Signings signings = TestClients.client(server).signings();
    Signing draft = signings.create(NewSigning.builder().name("Big").build());
    byte[] bytes = SamplePdf.ofSize((int) DocumentUploads.MAX_BYTES - 1);
    Path pdf = Files.write(dir.resolve("big.pdf"), bytes);

    signings.upload(draft.id(), pdf);

    assertThat(server.signings().find(draft.id()).orElseThrow().documents())
        .singleElement()
        .satisfies(
            document -> {
              assertThat(document.size()).isEqualTo(DocumentUploads.MAX_BYTES - 1);
              assertThat(document.sha256()).isEqualTo(sha256(bytes));
            });
  }

  @Test
  void anUploadRefusedWith401IsSentOnceMoreWithANewTokenAndTheFileReadAgain(FakeKrebitServer server)
      throws Exception {
    RecordingTokenSource tokens = new RecordingTokenSource(TestClients.tokens(server));
    Signings signings = TestClients.builder(server, tokens).build().signings();
    Signing draft = signings.create(NewSigning.builder().name("Revoked").build());
    Path pdf = Files.write(dir.resolve("again.pdf"), SamplePdf.document("again"));
    server.revoke(tokens.served.get(0));

    signings.upload(draft.id(), pdf);

    assertThat(tokens.invalidated).containsExactly(tokens.served.get(0));
    assertThat(server.journal().apiRequests())
        .extracting(r -> r.status().getAsInt())
        .endsWith(401, 201);
    assertThat(server.signings().find(draft.id()).orElseThrow().documents())
        .singleElement()
        .satisfies(
            document -> assertThat(document.sha256()).isEqualTo(sha256(Files.readAllBytes(pdf))));
  }

  @Test
  void anUnknownSigningIsNotFoundAndIdsThatCouldLeaveThePathAreRefused(FakeKrebitServer server) {
    Signings signings = TestClients.client(server).signings();

    assertThat(catchThrowable(() -> signings.get("00000000-0000-0000-0000-000000000000")))
        .isInstanceOf(KrebitNotFoundException.class);
    for (String id : List.of("../me", "a/b", "..", "a b", "x?y=1", "")) {
      assertThat(catchThrowable(() -> signings.get(id)))
          .as(id)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  private static KrebitValidationException refused(FakeKrebitServer server, Runnable call) {
    Throwable failure = catchThrowable(call::run);
    assertThat(failure).isInstanceOf(KrebitValidationException.class);
    KrebitValidationException error = (KrebitValidationException) failure;
    assertThat(error.requestId())
        .contains(server.journal().lastApiRequest().orElseThrow().requestId());
    return error;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
