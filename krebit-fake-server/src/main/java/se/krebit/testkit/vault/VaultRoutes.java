package se.krebit.testkit.vault;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.vault.VaultReplies.Reply;
import se.krebit.testkit.vault.VaultTokens.IssuedToken;

/**
 * Serves the API paths the fake knows, after the checks Vault makes in the same order: a valid
 * token (403 otherwise, worded as the {@link VaultFlavour} words it), then the policy (403 {@code
 * permission denied} for a capability a test {@linkplain PolicyDenials denied}), then the engine.
 * Creating a key that does not exist needs {@code create}; writing one that does needs {@code
 * update}, as in Vault, whose existence check counts a KV secret whose versions are all deleted as
 * existing. A KV mount being upgraded answers 400 until the upgrade ends.
 */
final class VaultRoutes {
  /**
   * Vault's {@code framework.GenericNameRegex}: Transit key names start and end with a word
   * character.
   */
  private static final Pattern KEY_NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

  private final List<KvEngine> kv;
  private final List<TransitEngine> transit;
  private final AuthRoutes auth;
  private final VaultTokens tokens;
  private final PolicyDenials denials;
  private final VaultModes modes;
  private final VaultFlavour flavour;

  VaultRoutes(
      List<KvEngine> kv,
      List<TransitEngine> transit,
      AuthRoutes auth,
      VaultTokens tokens,
      PolicyDenials denials,
      VaultModes modes,
      VaultFlavour flavour) {
    this.kv =
        kv.stream()
            .sorted(Comparator.comparingInt((KvEngine e) -> e.mount().length()).reversed())
            .toList();
    this.transit =
        transit.stream()
            .sorted(Comparator.comparingInt((TransitEngine e) -> e.mount().length()).reversed())
            .toList();
    this.auth = auth;
    this.tokens = tokens;
    this.denials = denials;
    this.modes = modes;
    this.flavour = flavour;
  }

  /** A request as the routes need it. */
  record Call(
      String method,
      String path,
      Map<String, String> query,
      @Nullable String token,
      Map<String, Object> body) {}

  /** The answer to {@code sys/wrapping/unwrap}: the wrapped response's own body. */
  Map<String, ?> unwrap(Call call) {
    requireMethod(call, "POST", "PUT");
    return auth.unwrap(call.token(), call.body());
  }

  Reply serve(Call call) {
    Optional<AppRole> login = auth.loginFor(call.path());
    if (login.isPresent()) {
      requireMethod(call, "POST", "PUT");
      return auth.login(login.get(), call.body());
    }
    IssuedToken token =
        tokens
            .valid(call.token())
            .orElseThrow(
                () ->
                    call.token() == null
                        ? VaultError.missingToken()
                        : VaultError.invalidToken(flavour));
    if (call.path().equals("auth/token/lookup-self")) {
      authorize(call.path(), "read");
      return auth.lookupSelf(call.token(), token);
    }
    if (call.path().equals("auth/token/renew-self")) {
      requireMethod(call, "POST", "PUT");
      authorize(call.path(), "update");
      return auth.renewSelf(call.token(), token);
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
        case "GET" -> kvCall(engine, call, "read", () -> engine.read(key, version(call.query())));
        case "POST", "PUT" ->
            kvCall(
                engine,
                call,
                engine.exists(key) ? "update" : "create",
                () -> engine.write(key, call.body()));
        case "DELETE" -> kvCall(engine, call, "delete", () -> engine.deleteLatest(key));
        default -> throw unsupported(call);
      };
    }
    if (rest.startsWith("metadata/")
        && rest.length() > "metadata/".length()
        && !rest.endsWith("/")) {
      String key = rest.substring("metadata/".length());
      return switch (call.method()) {
        case "GET" -> kvCall(engine, call, "read", () -> engine.readMetadata(key));
        case "POST", "PUT" ->
            kvCall(
                engine,
                call,
                engine.exists(key) ? "update" : "create",
                () -> engine.writeMetadata(key, call.body()));
        case "DELETE" -> kvCall(engine, call, "delete", () -> engine.deleteMetadata(key));
        default -> throw unsupported(call);
      };
    }
    throw VaultError.noRoute(call.path());
  }

  /** The policy first, then the upgrade check that wraps every KV handler, then the handler. */
  private Reply kvCall(KvEngine engine, Call call, String capability, Supplier<Reply> handler) {
    authorize(call.path(), capability);
    if (modes.upgrading(engine.mount())) {
      throw VaultError.badRequest(VaultError.KV_UPGRADING);
    }
    return handler.get();
  }

  private Reply transit(TransitEngine engine, Call call, String rest) {
    String[] parts = rest.split("/", -1);
    if (parts.length >= 2
        && List.of("encrypt", "decrypt", "keys").contains(parts[0])
        && !KEY_NAME.matcher(parts[1]).matches()) {
      throw VaultError.unsupportedPath();
    }
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
    throw VaultError.unsupportedPath();
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
