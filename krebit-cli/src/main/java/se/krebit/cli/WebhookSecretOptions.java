package se.krebit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.WebhookSecret;

/**
 * Where the webhook secrets come from: a file, one secret a line (two while you rotate), or the
 * environment. Never from a flag's value, which other users of the machine can read.
 */
final class WebhookSecretOptions {
  /** The environment variable holding one secret, when no file is named. */
  static final String SECRET_ENV = "KREBIT_WEBHOOK_SECRET";

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description = {
        "Read the webhook secret from FILE: the secret Krebit returned when the webhook was created, one a line"
            + " (give the old and the new one while you rotate; blank lines and lines starting with # are skipped).",
        "Without it: the environment variable " + SECRET_ENV + "."
      })
  @Nullable Path file;

  /**
   * The secrets.
   *
   * @throws KrebitConfigurationException if none is given, the file can't be read, or it holds none
   */
  List<WebhookSecret> secrets(CliEnvironment environment) {
    if (file == null) {
      String secret = environment.variables().get(SECRET_ENV);
      if (secret == null || secret.isBlank()) {
        throw new KrebitConfigurationException(
            "no webhook secret: name a file of secrets with --secret-file FILE, or set "
                + SECRET_ENV);
      }
      return List.of(WebhookSecret.of(secret.strip()));
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KrebitConfigurationException(
          "--secret-file: can't read the webhook secret file it names ("
              + e.getClass().getSimpleName()
              + ")");
    }
    List<WebhookSecret> secrets =
        text.lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(WebhookSecret::of)
            .toList();
    if (secrets.isEmpty()) {
      throw new KrebitConfigurationException("--secret-file: the file it names holds no secret");
    }
    return secrets;
  }
}
