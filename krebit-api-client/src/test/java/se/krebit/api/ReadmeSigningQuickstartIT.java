package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.SamplePdf;

/**
 * The README's signing quickstart, verbatim between the {@code README} markers, against the fake:
 * the documented steps on the fake's own endpoints, the assumed ones on stubs standing in for them.
 */
class ReadmeSigningQuickstartIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final Logger log = LoggerFactory.getLogger(ReadmeSigningQuickstartIT.class);

  @TempDir Path dir;

  // README:begin signing-quickstart
  /** The quickstart's later steps. No saved Krebit page shows their paths: these are assumptions. */
  interface SigningSteps {
    @RequestLine("POST /signings/{id}/recipients")          // assumed path and body
    @Headers("Content-Type: application/json")
    Recipient addRecipient(@Param("id") String signingId, NewRecipient recipient);

    @RequestLine("POST /signings/{id}/send")                // assumed path; 202 Accepted
    void send(@Param("id") String signingId);
  }

  record NewRecipient(String name, String email) {}
  record Recipient(String id) {}                             // unknown JSON members are ignored

  static Signing sendFirstSigning(KrebitClient krebit, Path pdf) {
    Signings signings = krebit.signings();
    Signing draft = signings.create(NewSigning.builder()   // POST /api/1.0/signings: 201
        .name("Demo agreement")
        .language(NewSigning.ENGLISH)                       // "EN"
        .signingOrder(NewSigning.SEQUENTIAL)                // "sequential"
        .message("Please sign by Friday.")
        .build());
    signings.upload(draft.id(), pdf);                       // POST …/signings/{id}/documents, streamed

    SigningSteps steps = krebit.api(SigningSteps.class);   // same token, errors and log as the rest
    steps.addRecipient(draft.id(), new NewRecipient("Alex Integrator", "alex@example.com"));
    steps.send(draft.id());
    return signings.get(draft.id());                        // GET …/signings/{id}: assumed, by convention
  }

  static void logAll(KrebitClient krebit) {
    krebit.signings().list()                                // pages asked for as the stream reaches them
        .forEach(signing -> log.info("{} {}", signing.id(), signing.name().orElse("")));
  }

  static void createOrExplain(KrebitClient krebit, NewSigning draft) {
    try {
      krebit.signings().create(draft);
    } catch (KrebitValidationException e) {                 // 400: Krebit's field messages
      e.fieldErrors().forEach((field, messages) ->
          log.warn("{}: {} (request_id {})", field, messages, e.requestId().orElse("-")));
    }
  }
  // README:end signing-quickstart

  @Test
  void theQuickstartRunsAgainstTheFake(FakeKrebitServer server) throws Exception {
    server
        .stub("POST", "/api/1.0/signings/{id}/recipients")
        .respond(201, "{\"data\": {\"id\": \"r-1\", \"name\": \"Alex Integrator\"}}");
    server.stub("POST", "/api/1.0/signings/{id}/send").respond(202);
    Path pdf = Files.write(dir.resolve("document.pdf"), SamplePdf.document("Demo agreement"));
    KrebitClient krebit = TestClients.client(server);

    Signing signing = sendFirstSigning(krebit, pdf);
    logAll(krebit);
    createOrExplain(krebit, NewSigning.builder().name("x").language("XX").build());

    assertThat(signing.name()).contains("Demo agreement");
    assertThat(server.signings().find(signing.id()).orElseThrow().documents()).hasSize(1);
    assertThat(server.journal().apiRequests())
        .extracting(
            r ->
                r.method()
                    + " "
                    + r.path().replace(signing.id(), "ID")
                    + " "
                    + r.status().getAsInt())
        .containsExactly(
            "POST /api/1.0/signings 201",
            "POST /api/1.0/signings/ID/documents 201",
            "POST /api/1.0/signings/ID/recipients 201",
            "POST /api/1.0/signings/ID/send 202",
            "GET /api/1.0/signings/ID 200",
            "GET /api/1.0/signings 200",
            "POST /api/1.0/signings 400");
  }
}
