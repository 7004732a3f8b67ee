package se.krebit.testkit.vault;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.vault.VaultReplies.Reply;
import se.krebit.testkit.vault.VaultTokens.IssuedToken;

/**
 * The fake's token paths: AppRole login (each spending a use of the secret id), {@code
 * lookup-self}, {@code renew-self} (never past the max TTL, with Vault's warning when capped) and
 * {@code sys/wrapping/unwrap}.
 */
final class AuthRoutes {
  private final Optional<AppRole> appRole;
  private final AppRoleSecretIds secretIds;
  private final VaultTokens tokens;
  private final WrappedResponses wrapped;
  private final VaultFlavour flavour;

  /**
   * The identity entity Vault creates on the role's first login: one role id, one alias, one
   * entity.
   */
  private final String entityId = UUID.randomUUID().toString();

  AuthRoutes(
      Optional<AppRole> appRole,
      AppRoleSecretIds secretIds,
      VaultTokens tokens,
      WrappedResponses wrapped,
      VaultFlavour flavour) {
    this.appRole = appRole;
    this.secretIds = secretIds;
    this.tokens = tokens;
    this.wrapped = wrapped;
    this.flavour = flavour;
  }

  Optional<AppRole> loginFor(String path) {
    return appRole.filter(r -> path.equals(r.loginPath()));
  }

  Reply login(AppRole role, Map<String, Object> body) {
    // A wrong role id spends nothing; a right one spends a use of the secret id, as in Vault.
    if (!role.roleId().equals(body.get("role_id")) || !secretIds.spend(body.get("secret_id"))) {
      throw VaultError.badRequest(VaultError.INVALID_CREDENTIALS);
    }
    List<String> policies = List.of("default", role.roleName());
    String token =
        tokens.issue(
            role.loginPath(),
            policies,
            role.tokenTtl(),
            role.tokenMaxTtl(),
            true,
            Map.of("role_name", role.roleName()),
            entityId);
    IssuedToken issued = tokens.valid(token).orElseThrow();
    return Reply.auth(auth(token, issued), List.of(), "approle");
  }

  /**
   * {@code sys/wrapping/unwrap}: the wrapping token in {@code X-Vault-Token} or in the body's
   * {@code token}.
   */
  Map<String, ?> unwrap(@Nullable String headerToken, Map<String, Object> body) {
    Object token = body.get("token") instanceof String s ? s : headerToken;
    if (!(token instanceof String wrappingToken)) {
      throw VaultError.missingToken();
    }
    return wrapped
        .unwrap(wrappingToken)
        .orElseThrow(() -> VaultError.badRequest(VaultError.INVALID_WRAPPING_TOKEN));
  }

  Reply lookupSelf(@Nullable String value, IssuedToken token) {
    Instant now = tokens.now();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("accessor", token.accessor());
    data.put("creation_time", token.issuedAt().getEpochSecond());
    data.put("creation_ttl", token.ttl().getSeconds());
    data.put("display_name", token.path().startsWith("auth/token/") ? "token" : "approle");
    data.put("entity_id", token.entityId());
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

  Reply renewSelf(@Nullable String value, IssuedToken token) {
    if (!token.renewable() || value == null) {
      throw VaultError.badRequest("lease is not renewable");
    }
    IssuedToken renewed = tokens.renew(value).orElseThrow(() -> VaultError.invalidToken(flavour));
    Reply reply = Reply.auth(auth(value, renewed), List.of(), "token");
    long granted = renewed.ttlSecondsAt(tokens.now());
    if (granted < renewed.ttl().getSeconds()) {
      reply =
          reply.withWarnings(
              List.of(
                  "TTL of \""
                      + renewed.ttl().getSeconds()
                      + "s\" exceeded the effective max_ttl of \""
                      + granted
                      + "s\"; TTL value is capped accordingly"));
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
    auth.put("entity_id", token.entityId());
    auth.put("token_type", "service");
    auth.put("orphan", true);
    auth.put("mfa_requirement", null);
    auth.put("num_uses", 0);
    return auth;
  }
}
