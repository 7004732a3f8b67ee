package se.krebit.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which tenant and client a command talks to, and where it keeps tokens: flags that override the environment and the config file. */
final class TenantOptions {
  @Option(
      names = "--tenant",
      paramLabel = "ORG|URL",
      description = {
        "The Krebit tenant: its organization (acme, for https://acme.krebit.se) or a base URL"
            + " (https only; http to 127.0.0.1 for a local fake).",
        "Else KREBIT_TENANT, else krebit.tenant in the config file."
      })
  @Nullable String tenant;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "The OAuth client id. Else KREBIT_CLIENT_ID, else krebit.client.id in the config file.")
  @Nullable String clientId;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "The config file (Java properties: krebit.tenant, krebit.client.id, krebit.client.secret.file,"
            + " krebit.store.dir, krebit.login.port, krebit.connect.timeout, krebit.read.timeout, krebit.max.attempts,"
            + " krebit.max.retry.after, krebit.log.level).",
        "Else KREBIT_CONFIG, else ~/.krebit/config.properties if it exists."
      })
  @Nullable Path config;

  @Option(
      names = "--store-dir",
      paramLabel = "DIR",
      description = {
        "Where signed-in users' tokens are kept: an H2 database encrypted with the key in KREBIT_STORE_KEY"
            + " (Tink keyset JSON) or in DIR/store-key.json, created with permissions 0600.",
        "Else KREBIT_STORE_DIR, else krebit.store.dir in the config file, else ~/.krebit."
      })
  @Nullable Path storeDir;

  @Option(
      names = "--fake",
      description = {
        "Talk to a fake Krebit server started in this process instead of a tenant: no configuration is"
            + " read and tokens are kept in memory only. krebit login then signs in unattended.",
        "For a fake that outlives one command, run the test kit's standalone server and pass its URL to --tenant."
      })
  boolean fake;
}
