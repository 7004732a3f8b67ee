package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The real Vault (or OpenBao) named by {@code VAULT_ADDR}, for {@link RealVaultContractIT}: the
 * operator's side, over plain HTTP with the admin token {@code VAULT_TOKEN} (enable engines, write
 * a policy, make an AppRole with short TTLs, revoke its tokens, seal and unseal), and connections
 * for the adapter. Everything it creates is named {@code krebit-contract-<random>} and removed by
 * {@link #cleanUp()}, but the KV records the contracts write under {@code krebit-contract-tests/}.
 */
final class RealVault {
  static final String NOT_RUN =
      "RealVaultContractIT NOT RUN: set VAULT_ADDR and VAULT_TOKEN (a token that may"
          + " enable engines and auth methods, write policies and revoke leases, such as a dev server's root token) to run"
          + " the Vault adapter against a real Vault or OpenBao";
  static final String ROLE = "krebit";

  final URI address;
  final String kvMount = env("KREBIT_VAULT_KV_MOUNT").orElse(VaultTokenStore.DEFAULT_MOUNT);
  final String transitMount =
      env("KREBIT_VAULT_TRANSIT_MOUNT").orElse(VaultTransitCipher.DEFAULT_MOUNT);
  final String name = "krebit-contract-" + UUID.randomUUID().toString().substring(0, 8);
  private final String adminToken;
  private final @Nullable String caPem;
  private final @Nullable String namespace = env("VAULT_NAMESPACE").orElse(null);
  private final HttpClient http;

  private RealVault(URI address, String adminToken) {
    this.address = address;
    this.adminToken = adminToken;
    this.caPem = env("VAULT_CACERT").map(RealVault::read).orElse(null);
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caPem != null) {
      builder.sslContext(VaultTls.trusting(caPem));
    }
    this.http = builder.build();
  }

  /** The Vault of the environment, if {@code VAULT_ADDR} and {@code VAULT_TOKEN} are set. */
  static Optional<RealVault> fromEnvironment() {
    Optional<String> address = env("VAULT_ADDR");
    Optional<String> token = env("VAULT_TOKEN");
    return address.isPresent() && token.isPresent()
        ? Optional.of(new RealVault(URI.create(address.get()), token.get()))
        : Optional.empty();
  }

  /**
   * Enables what the adapter needs where missing (KV v2 and Transit mounts), and makes a Transit
   * key, a policy as the README's and an AppRole mount with role {@value #ROLE}, all named {@link
   * #name}.
   */
  void setUp(Duration tokenTtl, Duration tokenMaxTtl) {
    JsonObject mounts = call("GET", "sys/mounts", null).body();
    if (mounts.get(kvMount + "/") == null
        && (mounts.get("data") == null
            || mounts.get("data").asObject().get(kvMount + "/") == null)) {
      call(
          "POST",
          "sys/mounts/" + kvMount,
          Json.object().add("type", "kv").add("options", Json.object().add("version", "2")));
    }
    if (mounts.get(transitMount + "/") == null
        && (mounts.get("data") == null
            || mounts.get("data").asObject().get(transitMount + "/") == null)) {
      call("POST", "sys/mounts/" + transitMount, Json.object().add("type", "transit"));
    }
    call("POST", transitMount + "/keys/" + name, Json.object());
    String policy =
        "path \""
            + kvMount
            + "/data/krebit-contract-tests/*\" { capabilities = [\"create\", \"read\", \"update\"] }\n"
            + "path \""
            + kvMount
            + "/metadata/krebit-contract-tests/*\" { capabilities = [\"delete\"] }\n"
            + "path \""
            + transitMount
            + "/encrypt/"
            + name
            + "\" { capabilities = [\"update\"] }\n"
            + "path \""
            + transitMount
            + "/decrypt/"
            + name
            + "\" { capabilities = [\"update\"] }\n"
            + "path \""
            + transitMount
            + "/keys/"
            + name
            + "\" { capabilities = [\"read\"] }\n";
    call("PUT", "sys/policies/acl/" + name, Json.object().add("policy", policy));
    call("POST", "sys/auth/" + name, Json.object().add("type", "approle"));
    call(
        "POST",
        "auth/" + name + "/role/" + ROLE,
        Json.object()
            .add("token_policies", name)
            .add("token_ttl", tokenTtl.toSeconds() + "s")
            .add("token_max_ttl", tokenMaxTtl.toSeconds() + "s"));
  }

  String roleId() {
    return call("GET", "auth/" + name + "/role/" + ROLE + "/role-id", null)
        .data()
        .getString("role_id", "");
  }

  String newSecretId(int numUses) {
    return call(
            "POST",
            "auth/" + name + "/role/" + ROLE + "/secret-id",
            Json.object().add("num_uses", numUses))
        .data()
        .getString("secret_id", "");
  }

  /** A secret id response-wrapped for {@code wrapTtl}: the wrapping token. */
  String newWrappedSecretId(Duration wrapTtl) {
    Reply reply =
        send(
            "POST",
            "auth/" + name + "/role/" + ROLE + "/secret-id",
            Json.object().toString(),
            wrapTtl.toSeconds() + "s");
    JsonValue wrapInfo = reply.body().get("wrap_info");
    if (wrapInfo == null || !wrapInfo.isObject()) {
      throw new AssertionError("Vault did not wrap the secret id (HTTP " + reply.status() + ")");
    }
    return wrapInfo.asObject().getString("token", "");
  }

  /**
   * Revokes every token the AppRole mount issued, as {@code vault token revoke -mode=path
   * auth/<mount>/login}.
   */
  void revokeAppRoleTokens() {
    call("PUT", "sys/leases/revoke-prefix/auth/" + name + "/login", Json.object());
  }

  /** The server's version from {@code sys/health}. */
  String version() {
    return send("GET", "sys/health?standbyok=true&perfstandbyok=true", null, null)
        .body()
        .getString("version", "");
  }

  void seal() {
    call("PUT", "sys/seal", Json.object());
  }

  void unseal(String key) {
    call("PUT", "sys/unseal", Json.object().add("key", key));
  }

  VaultConnection.Builder connection() {
    VaultConnection.Builder builder = VaultConnection.builder(address);
    if (caPem != null) {
      builder.caCertificatesPem(caPem);
    }
    if (namespace != null) {
      builder.namespace(namespace);
    }
    return builder;
  }

  VaultConnection adminConnection() {
    return connection().token(adminToken).build();
  }

  /** Removes the AppRole mount, the policy and the Transit key made by {@link #setUp}. */
  void cleanUp() {
    send("DELETE", "sys/auth/" + name, null, null);
    send("DELETE", "sys/policies/acl/" + name, null, null);
    send(
        "POST",
        transitMount + "/keys/" + name + "/config",
        Json.object().add("deletion_allowed", true).toString(),
        null);
    send("DELETE", transitMount + "/keys/" + name, null, null);
  }

  record Reply(int status, JsonObject body) {
    JsonObject data() {
      JsonValue data = body.get("data");
      return data != null && data.isObject() ? data.asObject() : new JsonObject();
    }
  }

  private Reply call(String method, String path, @Nullable JsonObject body) {
    Reply reply = send(method, path, body == null ? null : body.toString(), null);
    if (reply.status() / 100 != 2) {
      throw new AssertionError(
          method
              + " "
              + path
              + " answered HTTP "
              + reply.status()
              + ": "
              + reply.body().get("errors"));
    }
    return reply;
  }

  private Reply send(String method, String path, @Nullable String body, @Nullable String wrapTtl) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(address.resolve("/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Vault-Token", adminToken)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (namespace != null) {
      request.header("X-Vault-Namespace", namespace);
    }
    if (wrapTtl != null) {
      request.header("X-Vault-Wrap-TTL", wrapTtl);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
      JsonObject json =
          response.body().isBlank() ? new JsonObject() : Json.parse(response.body()).asObject();
      return new Reply(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
