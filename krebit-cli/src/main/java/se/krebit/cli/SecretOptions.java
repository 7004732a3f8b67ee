package se.krebit.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the client secret comes from. Never from a flag's value, which other users of the machine
 * can read in the process list, nor from the config file, which tends to be shared.
 */
final class SecretOptions {
  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      description = {
        "Read the client secret from FILE (surrounding whitespace ignored); keep it readable by you alone.",
        "Without this option or --client-secret-stdin: KREBIT_CLIENT_SECRET, else the file named by"
            + " KREBIT_CLIENT_SECRET_FILE, else the file named by krebit.client.secret.file in the config file."
      })
  @Nullable Path file;

  @Option(
      names = "--client-secret-stdin",
      description =
          "Read the client secret from standard input, as in: vault kv get -field=secret … | krebit token"
              + " --client-secret-stdin.")
  boolean stdin;
}
