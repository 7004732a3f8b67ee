package se.krebit.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Which tenant and client a command talks to, and where it keeps tokens: flags that override the
 * environment and the config file.
 */
final class TenantOptions {
  @Option(
      names = "--tenant",
      paramLabel = "ORG|URL",
      description = {
        "The Krebit tenant: its organization (acme, for acme.krebit.se) or a base URL (https, or http to"
            + " 127.0.0.1 for a local fake server).",
        "Else KREBIT_TENANT, else krebit.tenant in the config file."
      })
  @Nullable String tenant;

  @Option(
      names = "--token-path",
      paramLabel = "PATH",
      description = {
        "The token endpoint's path under the tenant: /oauth/token (the default; /api/oauth/token is then asked"
            + " once if it answers 404) or /api/oauth/token, the two Krebit's guides name. Set, it is the only"
            + " one asked.",
        "Else KREBIT_TOKEN_PATH, else krebit.token.path in the config file."
      })
  @Nullable String tokenPath;

  @Option(
      names = "--token-url",
      paramLabel = "URL",
      description = {
        "The token endpoint's whole URL, for an authorization server other than the tenant's; not with"
            + " --token-path.",
        "Else KREBIT_TOKEN_URL, else krebit.token.url in the config file."
      })
  @Nullable String tokenUrl;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "The OAuth client id. Else KREBIT_CLIENT_ID, else krebit.client.id in the config file.")
  @Nullable String clientId;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "The config file: Java properties named like the environment variables, in lower case with dots"
            + " (KREBIT_CLIENT_ID: krebit.client.id). It may set the tenant, the client id, krebit.client.secret.file"
            + " (a file holding the secret, never the secret), the store directory, krebit.store.wait (how long to"
            + " wait while other krebit processes use the store), the login port, the token path or URL,"
            + " KREBIT_AUTHORIZE_URL, KREBIT_REQUEST_FORMAT, KREBIT_CLIENT_AUTHENTICATION, KREBIT_EXPIRES_IN_WHEN_ABSENT,"
            + " KREBIT_CONNECT_TIMEOUT, KREBIT_READ_TIMEOUT, KREBIT_MAX_ATTEMPTS, KREBIT_MAX_RETRY_AFTER and"
            + " KREBIT_LOG_LEVEL.",
        "Else KREBIT_CONFIG, else ~/.krebit/config.properties if it exists."
      })
  @Nullable Path config;

  @Option(
      names = "--store-dir",
      paramLabel = "DIR",
      description = {
        "Where signed-in users' tokens are kept: an H2 database encrypted with the key in KREBIT_STORE_KEY"
            + " (Tink keyset JSON) or in DIR/store-key.json, created with permissions 0600; DIR is kept at 0700 and"
            + " the database at 0600, and a key file others can read is refused.",
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
