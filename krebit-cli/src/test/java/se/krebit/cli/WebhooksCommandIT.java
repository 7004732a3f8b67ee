package se.krebit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * {@code krebit webhooks listen} and {@code verify}: deliveries from the fake and forged ones,
 * printed safely.
 */
class WebhooksCommandIT {
  private static final String WEBHOOK_SECRET = "whsec_cli_test_2b7e151628aed2a6";
  private static final String OLD_SECRET = "whsec_cli_test_old_9c3f0a";

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();

  static {
    PlantedSecrets.plant(WEBHOOK_SECRET);
    PlantedSecrets.plant(OLD_SECRET);
  }

  @TempDir Path home;

  @Test
  void listenVerifiesAndPrintsEachDeliveryEscapingWhatCameFromTheNetwork(FakeKrebitServer server)
      throws Exception {
    int port = Cli.freePort();
    Path secrets =
        Files.writeString(
            home.resolve("webhook-secrets"),
            "# old, then new\n" + OLD_SECRET + "\n" + WEBHOOK_SECRET + "\n");
    CompletableFuture<Cli.Run> listening =
        CompletableFuture.supplyAsync(
            () ->
                new Cli(home)
                    .run(
                        "webhooks",
                        "listen",
                        "--port",
                        String.valueOf(port),
                        "--secret-file",
                        secrets.toString(),
                        "--client-id",
                        TestFake.CLIENT_ID,
                        "--count",
                        "3"));
    await().atMost(Duration.ofSeconds(30)).until(() -> accepts(port));
    URI url = URI.create("http://127.0.0.1:" + port + "/krebit/webhooks");
    server.webhooks().registration(TestFake.CLIENT_ID, url).secret(WEBHOOK_SECRET).register();

    EmittedEvent event =
        server
            .webhooks()
            .emit(
                "signing.sent",
                Map.of("signing_id", "sig-\u001b[31mred", "note", "line one\nline two \u202eevil"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.webhooks().deliveriesOf(event.id()).size() == 1);
    int forged =
        post(
            url,
            "{\"event\":\"signing.cancelled\"}",
            sign("not-the-secret", "{\"event\":\"signing.cancelled\"}"));
    server.webhooks().redeliver(event.id());
    Cli.Run run = listening.get(60, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(forged).isEqualTo(401);
    assertThat(server.webhooks().deliveriesOf(event.id())).allMatch(d -> d.delivered());
    assertThat(run.out())
        .contains(
            "Listening for Krebit webhooks on http://127.0.0.1:"
                + port
                + "/ (2 secrets, client id "
                + TestFake.CLIENT_ID)
        .contains(
            "verified  signing.sent  event "
                + event.id()
                + "  signing sig-\\u001b[31mred  client "
                + TestFake.CLIENT_ID
                + "  secret ")
        .contains("refused (401): wrong signature")
        .contains("duplicate  signing.sent  event " + event.id())
        .contains("\\u202eevil")
        .doesNotContain("\u001b", "\u202e", WEBHOOK_SECRET, OLD_SECRET);
    assertThat(run.out().lines().filter(line -> line.startsWith("    ")))
        .as("the JSON, indented")
        .isNotEmpty();
  }

  @Test
  void verifyTakesTheBodyOnStandardInputAndTheSignatureAsAnOption() throws IOException {
    Path secrets = Files.writeString(home.resolve("webhook-secret"), WEBHOOK_SECRET + "\n");
    String body =
        "{\n  \"id\": \"evt_42\",\n  \"event\": \"signing.document.completed\",\n"
            + "  \"data\": {\"signing_id\": \"sig-1\", \"document_id\": \"doc-2\"}\n}\n";

    String signature = sign(WEBHOOK_SECRET, body);

    Cli.Run verified = verify(body, signature, secrets);
    Cli.Run refused = verify(body.replace("sig-1", "sig-2"), signature, secrets);

    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out())
        .contains(
            "verified  signing.document.completed  event evt_42  signing sig-1  document doc-2")
        .contains("    \"event\": \"signing.document.completed\",");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED_DELIVERY.code());
    assertThat(refused.err()).contains("krebit webhooks verify: refused (401): wrong signature");
    assertThat(refused.out()).isEmpty();
  }

  /** {@code krebit webhooks verify} of {@code body} on standard input. */
  private Cli.Run verify(String body, String signature, Path secretFile) {
    return new Cli(home)
        .stdin(body)
        .run(
            "webhooks", "verify", "--signature", signature, "--secret-file", secretFile.toString());
  }

  @Test
  void verifyTakesTheSecretFromTheEnvironmentAndRefusesUpperCaseHex() {
    String body = "{\"event\":\"signing.sent\"}";
    Cli cli = new Cli(home).env(WebhookSecretOptions.SECRET_ENV, WEBHOOK_SECRET).stdin(body);

    Cli.Run upper =
        cli.run(
            "webhooks",
            "verify",
            "--signature",
            sign(WEBHOOK_SECRET, body).toUpperCase(Locale.ROOT));
    Cli.Run lower =
        new Cli(home)
            .env(WebhookSecretOptions.SECRET_ENV, WEBHOOK_SECRET)
            .stdin(body)
            .run("webhooks", "verify", "--signature", sign(WEBHOOK_SECRET, body));

    assertThat(upper.exitCode()).isEqualTo(ExitCode.REFUSED_DELIVERY.code());
    assertThat(upper.err()).contains("malformed signature: upper-case hex digits");
    assertThat(lower.exitCode()).as(lower.err()).isZero();
  }

  @Test
  void withoutASecretOrWithAnEmptyFileItIsAConfigurationError() throws IOException {
    Path empty = Files.writeString(home.resolve("empty"), "# nothing yet\n\n");

    Cli.Run none =
        new Cli(home).stdin("{}").run("webhooks", "verify", "--signature", "0".repeat(64));
    Cli.Run blank =
        new Cli(home)
            .stdin("{}")
            .run(
                "webhooks",
                "verify",
                "--signature",
                "0".repeat(64),
                "--secret-file",
                empty.toString());
    Cli.Run missing =
        new Cli(home).run("webhooks", "listen", "--secret-file", home.resolve("absent").toString());

    assertThat(none.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(none.err()).contains("--secret-file", WebhookSecretOptions.SECRET_ENV);
    assertThat(blank.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(blank.err()).contains("holds no secret").doesNotContain(empty.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(missing.err())
        .contains("can't read the webhook secret file")
        .doesNotContain("absent");
  }

  @Test
  void webhooksAloneSaysWhichCommandIsMissing() {
    Cli.Run run = new Cli(home).run("webhooks");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(run.err()).contains("Missing command: krebit webhooks listen or verify");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private static int post(URI url, String body, String signature) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("X-Signature", signature)
            .header("X-Client-Id", TestFake.CLIENT_ID)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
