package se.krebit.auth.store.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenStoreException;

/**
 * AppRole logins for one role: each presents the role id and the secret id, and Vault spends one of
 * the secret id's uses ({@code secret_id_num_uses}) on it. A response-wrapped secret id is
 * unwrapped ({@code sys/wrapping/unwrap}) before the first login and kept in memory for the later
 * ones: a wrapping token unwraps once. Not thread-safe: the session calls it with its lock held.
 */
final class AppRoleLogins {
  private static final Logger LOG = LoggerFactory.getLogger(VaultConnection.class);

  private final VaultSession.AppRoleLogin role;
  private final String address;
  private final Vault anonymous;
  private final Function<Secret, Vault> clientWithToken;
  private @Nullable Secret secretId;

  AppRoleLogins(
      VaultSession.AppRoleLogin role,
      String address,
      Vault anonymous,
      Function<Secret, Vault> clientWithToken) {
    this.role = role;
    this.address = address;
    this.anonymous = anonymous;
    this.clientWithToken = clientWithToken;
    this.secretId = role.wrapped() ? null : role.secretId();
  }

  String mount() {
    return role.mount();
  }

  /** Logs in; the answer carries the new token, its TTL and whether it is renewable. */
  AuthResponse logIn() {
    Secret secret = secretId();
    Operation op =
        Operation.needing("logging in with AppRole", "update", "auth/" + role.mount() + "/login");
    try {
      return anonymous.auth().loginByAppRole(role.mount(), role.roleId().reveal(), secret.reveal());
    } catch (VaultException e) {
      VaultReply reply =
          VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, address));
      if (reply.status() == 400) {
        throw new TokenStoreException(
            "Vault refused the AppRole login on auth/"
                + role.mount()
                + ": check the role id"
                + " and secret id; a secret id also stops working once its secret_id_ttl has passed or its"
                + " secret_id_num_uses are spent, and each login spends one"
                + reply.saying(),
            false,
            null);
      }
      TokenStoreException common = VaultFailures.common(op, reply, address);
      throw common != null ? common : VaultFailures.unexpected(op, reply);
    }
  }

  private Secret secretId() {
    Secret known = secretId;
    if (known != null) {
      return known;
    }
    Secret unwrapped = unwrap();
    secretId = unwrapped;
    return unwrapped;
  }

  /** Exchanges the wrapping token for the secret id, once. */
  private Secret unwrap() {
    Operation op =
        Operation.needing("unwrapping the AppRole secret id", "update", "sys/wrapping/unwrap");
    VaultReply reply;
    try {
      reply =
          VaultReply.of(
              clientWithToken
                  .apply(role.secretId())
                  .logical()
                  .write("sys/wrapping/unwrap", null)
                  .getRestResponse());
    } catch (VaultException e) {
      reply = VaultReply.of(e).orElseThrow(() -> VaultFailures.transport(op, e, address));
    }
    if (reply.status() == 400 || reply.status() == 403) {
      throw new TokenStoreException(
          "Vault refused the wrapping token of the AppRole secret id: it was unwrapped"
              + " already, has expired, or never existed. A wrapping token unwraps once; if this process did not unwrap"
              + " it, someone else may have seen the secret id: destroy it and issue a new one"
              + reply.saying(),
          false,
          null);
    }
    TokenStoreException common = VaultFailures.common(op, reply, address);
    if (common != null) {
      throw common;
    }
    JsonValue value = reply.data().map(d -> d.get("secret_id")).orElse(null);
    if (reply.status() != 200 || value == null || !value.isString() || value.asString().isBlank()) {
      throw new TokenStoreException(
          "Vault unwrapped the AppRole wrapping token, but it held no secret_id: was it"
              + " made by auth/"
              + role.mount()
              + "/role/<role>/secret-id?",
          false,
          null);
    }
    LOG.info(
        "Unwrapped the AppRole secret id for auth/{}: secret_id_ttl {} s, secret_id_num_uses {} (0: no limit)",
        role.mount(),
        reply.data().orElseThrow().getLong("secret_id_ttl", 0),
        reply.data().orElseThrow().getLong("secret_id_num_uses", 0));
    return new Secret(value.asString(), "secret id");
  }
}
