package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.testkit.hostile.FuzzInvariants;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Fuzzes the webhook verifier, the boundary where bytes from the internet (a delivery anyone can
 * POST) meet the library. An input is a delivery written as header lines, a blank line, then the
 * raw body; {@code {hmac}} in a header value stands for the body's real HMAC under the webhook's
 * secret, so the fuzzer gets past the signature and into the event parser too. Whatever the input,
 * {@link WebhookVerifier#verify} returns, never throws, within a CPU budget: a delivery only when a
 * signature header holds the body's HMAC (checked with the test's own {@link Hmac}) and with the
 * body kept byte for byte, otherwise a 4xx rejection of one printable line; neither the secret nor
 * the body's planted marker shows in a rejection, a {@code toString()} or a log line. Seeds: {@code
 * WebhookDeliveryFuzzTestInputs}.
 */
class WebhookDeliveryFuzzTest {
  private static final String SECRET = "whsec_PLANTED_fuzz_5d20c4";
  private static final String OLD_SECRET = "whsec_PLANTED_old_93ab17";

  /**
   * Seeds put it in bodies and header values: what a rejection, which quotes nothing from the
   * sender, must never repeat. Not planted as a secret: an event id is logged once the delivery is
   * verified.
   */
  private static final String MARKER = "body-PLANTED-7e41";

  private static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder()
          .secret(SECRET)
          .secret(OLD_SECRET)
          .expectedClientId("client-7")
          .maxBodyBytes(8_192)
          .build();

  @BeforeAll
  static void plant() {
    PlantedSecrets.plant(SECRET);
    PlantedSecrets.plant(OLD_SECRET);
  }

  @FuzzTest(maxDuration = "10m")
  void anyDeliveryIsVerifiedOrATypedRejectionThatExposesNothing(byte[] input) {
    Delivery delivery = Delivery.parse(input);
    if (PlantedSecrets.foundIn(new String(delivery.body(), ISO_8859_1)).isPresent()) {
      // A sender that signs the secret into the event itself (the fuzzer learns it from the
      // comparisons): the event's ids then hold it and are rightly shown. Not a leak of ours.
      return;
    }
    WebhookVerification result;
    try (CapturedLogs logs = CapturedLogs.start()) {
      long started = FuzzInvariants.threadCpuNanos();
      result = VERIFIER.verify(delivery.body(), delivery.headers());
      FuzzInvariants.withinCpuBudget(started, Duration.ofSeconds(2));
      if (result instanceof VerifiedDelivery verified) {
        checkTaken(verified, delivery);
        FuzzInvariants.cleanLogs(logs.lines());
      } else if (result instanceof WebhookRejection rejection) {
        checkRefused(rejection);
        FuzzInvariants.cleanLogs(logs.lines());
        if (logs.lines().stream().anyMatch(line -> line.contains(MARKER))) {
          throw new AssertionError("a refused delivery's content was logged");
        }
      } else {
        throw new AssertionError("neither a delivery nor a rejection: " + result);
      }
    }
  }

  private static void checkTaken(VerifiedDelivery verified, Delivery delivery) {
    List<String> signatures = new ArrayList<>(delivery.headers().all("X-Signature"));
    signatures.addAll(delivery.headers().all("X-Krebit-Signature"));
    boolean signed =
        signatures.stream()
            .map(String::strip)
            .anyMatch(
                s ->
                    s.equals(Hmac.hex(SECRET, delivery.body()))
                        || s.equals(Hmac.hex(OLD_SECRET, delivery.body())));
    if (!signed) {
      throw new AssertionError("a delivery was taken that no signature header signs");
    }
    if (!Arrays.equals(verified.event().payload().json().getBytes(UTF_8), delivery.body())) {
      throw new AssertionError("the event's JSON is not the body that was signed");
    }
    String shown = verified.toString() + verified.event().toString();
    if (shown.contains(SECRET) || shown.contains(OLD_SECRET)) {
      throw new AssertionError("a secret shows in a verified delivery's toString()");
    }
  }

  private static void checkRefused(WebhookRejection rejection) {
    if (rejection.httpStatus() < 400 || rejection.httpStatus() > 499) {
      throw new AssertionError("a rejection answers " + rejection.httpStatus());
    }
    String reason = rejection.reason();
    if (reason.isBlank() || reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new AssertionError("a rejection's reason is not one printable line");
    }
    if (PlantedSecrets.foundIn(reason + rejection).isPresent()
        || (reason + rejection).contains(MARKER)) {
      throw new AssertionError("a rejection repeats a planted value");
    }
  }

  /** A delivery as the fuzzer wrote it: header lines until a blank line, then the body's bytes. */
  private record Delivery(WebhookHeaders headers, byte[] body) {
    static Delivery parse(byte[] input) {
      // ISO-8859-1 maps each byte to one char, so indexes in the text are indexes in the bytes.
      int split = new String(input, ISO_8859_1).indexOf("\n\n");
      byte[] head = split < 0 ? input : Arrays.copyOfRange(input, 0, split);
      byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(input, split + 2, input.length);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String line : new String(head, ISO_8859_1).split("\n", -1)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String value =
              line.substring(colon + 1)
                  .strip()
                  .replace("{hmac}", Hmac.hex(SECRET, body))
                  .replace("{old-hmac}", Hmac.hex(OLD_SECRET, body));
          headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>()).add(value);
        }
      }
      return new Delivery(WebhookHeaders.of(headers), body);
    }
  }
}
