package se.krebit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code krebit webhooks}: the commands for receiving Krebit's webhooks, {@code listen} and {@code
 * verify}.
 */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = {
      "Receive Krebit's webhooks: check each delivery's HMAC-SHA256 signature (X-Signature or X-Krebit-Signature,"
          + " over the raw body, keyed with the secret Krebit returned when the webhook was created).",
      "  krebit webhooks listen --port 8400 --secret-file F    print every delivery sent to 127.0.0.1:8400",
      "  krebit webhooks verify --signature HEX --secret-file F < body.json    check one captured delivery"
    },
    subcommands = {
      WebhooksListenCommand.class,
      WebhooksVerifyCommand.class,
      CommandLine.HelpCommand.class
    })
final class WebhooksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: krebit webhooks listen or verify");
  }
}
