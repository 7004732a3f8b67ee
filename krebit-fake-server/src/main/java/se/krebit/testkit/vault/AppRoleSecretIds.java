package se.krebit.testkit.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * The secret ids of the fake's AppRole role, with Vault's rules: a secret id may be limited to a
 * number of logins ({@code secret_id_num_uses}: each login spends one, the last one deletes it) and
 * to a time ({@code secret_id_ttl}); a spent, expired or unknown one is refused as {@code invalid
 * role or secret ID}, 400, as a wrong role id is. Thread-safe.
 */
final class AppRoleSecretIds {
  private final Clock clock;
  private final Map<String, SecretId> secretIds = new HashMap<>();

  private record SecretId(
      String accessor, int usesLeft, @Nullable Instant expiresAt, Duration ttl, int numUses) {}

  AppRoleSecretIds(Clock clock) {
    this.clock = clock;
  }

  /** Adds {@code secretId}; {@code numUses} 0 and a zero {@code ttl} mean no limit, as in Vault. */
  synchronized void add(String secretId, int numUses, Duration ttl) {
    PlantedSecrets.plant(secretId);
    secretIds.put(
        secretId,
        new SecretId(
            UUID.randomUUID().toString(),
            numUses,
            ttl.isZero() ? null : clock.instant().plus(ttl),
            ttl,
            numUses));
  }

  /**
   * A new random secret id, as {@code vault write auth/approle/role/<role>/secret-id} makes one.
   */
  synchronized String generate(int numUses, Duration ttl) {
    String secretId = UUID.randomUUID().toString();
    add(secretId, numUses, ttl);
    return secretId;
  }

  /**
   * The whole answer of {@code secret-id} for {@code secretId} (its accessor, TTL and uses in the
   * envelope), as a wrapping token keeps it.
   */
  synchronized Map<String, Object> response(String secretId, VaultFlavour flavour) {
    SecretId entry = secretIds.get(secretId);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("secret_id_accessor", entry.accessor());
    data.put("secret_id", secretId);
    data.put("secret_id_ttl", entry.ttl().getSeconds());
    data.put("secret_id_num_uses", entry.numUses());
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("request_id", UUID.randomUUID().toString());
    response.put("lease_id", "");
    response.put("renewable", false);
    response.put("lease_duration", 0);
    response.put("data", data);
    response.put("wrap_info", null);
    response.put("warnings", null);
    response.put("auth", null);
    if (flavour.hasMountType()) {
      response.put("mount_type", "approle");
    }
    return response;
  }

  /** Spends one use of {@code secretId} for a login; false if it is unknown, expired or used up. */
  synchronized boolean spend(@Nullable Object secretId) {
    SecretId entry = secretId instanceof String s ? secretIds.get(s) : null;
    if (entry == null) {
      return false;
    }
    if (entry.expiresAt() != null && !clock.instant().isBefore(entry.expiresAt())) {
      secretIds.remove(secretId);
      return false;
    }
    if (entry.usesLeft() == 1) {
      secretIds.remove(secretId);
    } else if (entry.usesLeft() > 1) {
      secretIds.put(
          (String) secretId,
          new SecretId(
              entry.accessor(),
              entry.usesLeft() - 1,
              entry.expiresAt(),
              entry.ttl(),
              entry.numUses()));
    }
    return true;
  }
}
