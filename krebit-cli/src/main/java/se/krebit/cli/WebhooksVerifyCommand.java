package se.krebit.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookHeaders;
import se.krebit.webhooks.WebhookRejection;
import se.krebit.webhooks.WebhookSecret;
import se.krebit.webhooks.WebhookVerification;
import se.krebit.webhooks.WebhookVerifier;

/** {@code krebit webhooks verify}: checks one captured delivery, its body on standard input. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check one captured webhook delivery: its body, byte for byte, on standard input, and the signature header's"
          + " value as --signature. Prints the event and its JSON when the signature checks out (exit 0), else why"
          + " not (exit 9).",
      "  krebit webhooks verify --signature 5f0c2a… --secret-file ~/.krebit/webhook-secret < delivery.json",
      "Save the body as it was received: a body re-formatted or re-encoded by a tool no longer matches."
    })
final class WebhooksVerifyCommand extends KrebitCommand {
  @Mixin WebhookSecretOptions secrets;

  @Option(
      names = "--signature",
      paramLabel = "HEX",
      required = true,
      description =
          "The delivery's X-Signature (or X-Krebit-Signature) value: 64 lower-case hex digits.")
  String signature;

  @Override
  void run() {
    WebhookVerifier.Builder builder = WebhookVerifier.builder();
    for (WebhookSecret secret : secrets.secrets(environment())) {
      builder.secret(secret);
    }
    WebhookVerification result =
        builder.build().verify(body(), WebhookHeaders.of("X-Signature", signature));
    if (result instanceof WebhookRejection rejection) {
      throw new CliException(
          ExitCode.REFUSED_DELIVERY,
          "refused (" + rejection.httpStatus() + "): " + rejection.reason());
    }
    new DeliveryPrinter(out()).verified("verified", (VerifiedDelivery) result, true);
  }

  private byte[] body() {
    try {
      return environment().stdin().readAllBytes();
    } catch (IOException e) {
      throw new KrebitConfigurationException(
          "can't read the delivery's body from standard input", e);
    }
  }
}
