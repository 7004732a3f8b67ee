package se.krebit.testkit.vault;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.vault.VaultReplies.Reply;
import se.krebit.testkit.vault.VaultTokens.IssuedToken;

/**
 * Serves the API paths the fake knows, after the checks Vault makes in the same order: a valid
 * token (403 {@code invalid token} otherwise), then the policy (403 {@code permission denied} for a
 * capability a test {@linkplain PolicyDenials denied}), then the engine. Creating a key that does
 * not exist needs {@code create}; writing one that does needs {@code update}, as in Vault.
 */
final class VaultRoutes {
  private final List<KvEngine> kv;
  private final List<TransitEngine> transit;
  private final Optional<AppRole> appRole;
  private final VaultTokens tokens;
  private final PolicyDenials denials;

  VaultRoutes(List<KvEngine> kv, List<TransitEngine> transit, Optional<AppRole> appRole, VaultTokens tokens,
      PolicyDenials denials) {
    this.kv = kv.stream().sorted(Comparator.comparingInt((KvEngine e) -> e.mount().length()).reversed()).toList();
    this.transit = transit.stream().sorted(Comparator.comparingInt((TransitEngine e) -> e.mount().length()).reversed()).toList();
    this.appRole = appRole;
    this.tokens = tokens;
    this.denials = denials;
  }

  /** A request as the routes need it. */
  record Call(String method, String path, Map<String, String> query, @Nullable String token, Map<String, Object> body) {}

  Reply serve(Call call) {
    Optional<AppRole> login = appRole.filter(r -> call.path().equals("auth/" + r.mount() + "/login"));
    if (login.isPresent()) {
      requireMethod(call, "POST", "PUT");
      return login(login.get(), call.body());
    }
    IssuedToken token = tokens.valid(call.token()).orElseThrow(
        () -> call.token() == null ? VaultError.permissionDenied() : VaultError.invalidToken());
    if (call.path().equals("auth/token/lookup-self")) {
      authorize(call.path(), "read");
      return lookupSelf(call.token(), token);
    }
    if (call.path().equals("auth/token/renew-self")) {
      requireMethod(call, "POST", "PUT");
      authorize(call.path(), "update");
      return renewSelf(call.token(), token);
    }
    for (KvEngine engine : kv) {
      if (call.path().startsWith(engine.mount() + "/")) {
        return kv(engine, call, call.path().substring(engine.mount().length() + 1));
      }
    }
    for (TransitEngine engine : transit) {
      if (call.path().startsWith(engine.mount() + "/")) {
        return transit(engine, call, call.path().substring(engine.mount().length() + 1));
      }
    }
    throw VaultError.noRoute(call.path());
  }

  private Reply kv(KvEngine engine, Call call, String rest) {
    if (rest.startsWith("data/") && rest.length() > "data/".length() && !rest.endsWith("/")) {
      String key = rest.substring("data/".length());
      return switch (call.method()) {
        case "GET" -> {
          authorize(call.path(), "read");
          yield engine.read(key, version(call.query()));
        }
        case "POST", "PUT" -> {
          authorize(call.path(), engine.exists(key) ? "update" : "create");
          yield engine.write(key, call.body());
        }
        case "DELETE" -> {
          authorize(call.path(), "delete");
          yield engine.deleteLatest(key);
        }
        default -> throw unsupported(call);
      };
    }
    if (rest.startsWith("metadata/") && rest.length() > "metadata/".length() && !rest.endsWith("/")) {
      String key = rest.substring("metadata/".length());
      return switch (call.method()) {
        case "GET" -> {
          authorize(call.path(), "read");
          yield engine.readMetadata(key);
        }
        case "DELETE" -> {
          authorize(call.path(), "delete");
          yield engine.deleteMetadata(key);
        }
        default -> throw unsupported(call);
      };
    }
    throw VaultError.noRoute(call.path());
  }

  private Reply transit(TransitEngine engine, Call call, String rest) {
    String[] parts = rest.split("/", -1);
    if (parts.length == 2 && parts[0].equals("encrypt")) {
      requireMethod(call, "POST", "PUT");
      boolean create = !engine.exists(parts[1]);
      authorize(call.path(), create ? "create" : "update");
      return engine.encrypt(parts[1], call.body(), create);
    }
    if (parts.length == 2 && parts[0].equals("decrypt")) {
      requireMethod(call, "POST", "PUT");
      authorize(call.path(), "update");
      return engine.decrypt(parts[1], call.body());
    }
    if (parts.length == 2 && parts[0].equals("keys")) {
      if (call.method().equals("GET")) {
        authorize(call.path(), "read");
        return engine.readKey(parts[1]);
      }
      requireMethod(call, "POST", "PUT");
      authorize(call.path(), engine.exists(parts[1]) ? "update" : "create");
      return engine.createKey(parts[1], call.body());
    }
    if (parts.length == 3 && parts[0].equals("keys") && parts[2].equals("rotate")) {
      requireMethod(call, "POST", "PUT");
      authorize(call.path(), "update");
      if (!engine.exists(parts[1])) {
        throw VaultError.badRequest("key not found");
      }
      return engine.rotate(parts[1]);
    }
    throw VaultError.noRoute(call.path());
  }

  private Reply login(AppRole role, Map<String, Object> body) {
    if (!role.roleId().equals(body.get("role_id")) || !role.secretId().equals(body.get("secret_id"))) {
      throw VaultError.badRequest("invalid role or secret ID");
    }
    List<String> policies = List.of("default", role.roleName());
    String token = tokens.issue("auth/" + role.mount() + "/login", policies, role.tokenTtl(), role.tokenMaxTtl(), true,
        Map.of("role_name", role.roleName()));
    IssuedToken issued = tokens.valid(token).orElseThrow();
    return Reply.auth(auth(token, issued), List.of());
  }

  private Reply lookupSelf(@Nullable String value, IssuedToken token) {
    Instant now = tokens.now();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("accessor", token.accessor());
    data.put("creation_time", token.issuedAt().getEpochSecond());
    data.put("creation_ttl", token.ttl().getSeconds());
    data.put("display_name", token.path().startsWith("auth/token/") ? "token" : "approle");
    data.put("entity_id", "");
    data.put("expire_time", token.expiresAt() == null ? null : token.expiresAt().toString());
    data.put("explicit_max_ttl", 0);
    data.put("id", value);
    data.put("issue_time", token.issuedAt().toString());
    data.put("meta", token.meta().isEmpty() ? null : token.meta());
    data.put("num_uses", 0);
    data.put("orphan", true);
    data.put("path", token.path());
    data.put("policies", token.policies());
    data.put("renewable", token.renewable());
    data.put("ttl", token.ttlSecondsAt(now));
    data.put("type", "service");
    return Reply.data(data, "token");
  }

  private Reply renewSelf(@Nullable String value, IssuedToken token) {
    if (!token.renewable() || value == null) {
      throw VaultError.badRequest("lease is not renewable");
    }
    IssuedToken renewed = tokens.renew(value).orElseThrow(VaultError::invalidToken);
    Reply reply = Reply.auth(auth(value, renewed), List.of());
    long granted = renewed.ttlSecondsAt(tokens.now());
    if (granted < renewed.ttl().getSeconds()) {
      reply = reply.withWarning("TTL of \"" + renewed.ttl().getSeconds() + "s\" exceeded the effective max_ttl of \""
          + granted + "s\"; TTL value is capped accordingly");
    }
    return reply;
  }

  private Map<String, Object> auth(String value, IssuedToken token) {
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("client_token", value);
    auth.put("accessor", token.accessor());
    auth.put("policies", token.policies());
    auth.put("token_policies", token.policies());
    auth.put("metadata", token.meta());
    auth.put("lease_duration", token.ttlSecondsAt(tokens.now()));
    auth.put("renewable", token.renewable());
    auth.put("entity_id", "");
    auth.put("token_type", "service");
    auth.put("orphan", true);
    auth.put("mfa_requirement", null);
    auth.put("num_uses", 0);
    return auth;
  }

  private void authorize(String path, String capability) {
    if (denials.denies(path, capability)) {
      throw VaultError.permissionDenied();
    }
  }

  private static long version(Map<String, String> query) {
    String version = query.get("version");
    try {
      return version == null ? 0 : Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw VaultError.badRequest("error converting input for field \"version\"");
    }
  }

  private static void requireMethod(Call call, String... methods) {
    if (!List.of(methods).contains(call.method())) {
      throw unsupported(call);
    }
  }

  private static VaultError unsupported(Call call) {
    return VaultError.of(405, "1 error occurred:\n\t* unsupported operation\n\n");
  }
}
