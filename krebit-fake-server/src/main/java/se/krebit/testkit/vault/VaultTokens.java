package se.krebit.testkit.vault;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * The tokens the fake issued, with Vault's TTL rules on the fake's clock: a token is valid until
 * its expiry; renewing moves the expiry to now plus its TTL, never past its max TTL; a root token
 * never expires. Thread-safe.
 */
final class VaultTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

  VaultTokens(Clock clock) {
    this.clock = clock;
  }

  /**
   * A token as Vault keeps it.
   *
   * @param expiresAt null for a token without TTL (root)
   * @param maxExpiresAt null for a token without TTL (root)
   */
  record IssuedToken(
      String accessor,
      String path,
      List<String> policies,
      Instant issuedAt,
      Duration ttl,
      @Nullable Instant expiresAt,
      @Nullable Instant maxExpiresAt,
      boolean renewable,
      Map<String, String> meta,
      String entityId) {
    boolean validAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }

    long ttlSecondsAt(Instant now) {
      return expiresAt == null ? 0 : Math.max(0, Duration.between(now, expiresAt).getSeconds());
    }

    IssuedToken renewedAt(Instant now) {
      Instant wanted = now.plus(ttl);
      Instant capped = maxExpiresAt != null && wanted.isAfter(maxExpiresAt) ? maxExpiresAt : wanted;
      return new IssuedToken(
          accessor, path, policies, issuedAt, ttl, capped, maxExpiresAt, renewable, meta, entityId);
    }
  }

  /**
   * A new token in Vault's service-token format ({@code hvs.} and random characters), without an
   * entity.
   */
  String issue(
      String path,
      List<String> policies,
      @Nullable Duration ttl,
      @Nullable Duration maxTtl,
      boolean renewable,
      Map<String, String> meta) {
    return issue(path, policies, ttl, maxTtl, renewable, meta, "");
  }

  /** A new token for the identity entity {@code entityId}, as an auth method's login makes one. */
  String issue(
      String path,
      List<String> policies,
      @Nullable Duration ttl,
      @Nullable Duration maxTtl,
      boolean renewable,
      Map<String, String> meta,
      String entityId) {
    String token = newTokenValue();
    Instant now = clock.instant();
    tokens.put(
        token,
        new IssuedToken(
            UUID.randomUUID().toString(),
            path,
            List.copyOf(policies),
            now,
            ttl == null ? Duration.ZERO : ttl,
            ttl == null ? null : now.plus(ttl),
            maxTtl == null ? null : now.plus(maxTtl),
            renewable,
            Map.copyOf(meta),
            entityId));
    return token;
  }

  /** A fresh random value in Vault's service-token format, planted as a secret, not yet issued. */
  String newTokenValue() {
    String token = "hvs." + random(24);
    PlantedSecrets.plant(token);
    return token;
  }

  /** The token if it is known and not expired. */
  Optional<IssuedToken> valid(@Nullable String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return Optional.ofNullable(tokens.get(token)).filter(t -> t.validAt(now));
  }

  /** Renews a valid token; the renewed token, or empty if it is not valid. */
  Optional<IssuedToken> renew(String token) {
    Instant now = clock.instant();
    IssuedToken renewed =
        tokens.computeIfPresent(
            token, (t, issued) -> issued.validAt(now) ? issued.renewedAt(now) : issued);
    return Optional.ofNullable(renewed).filter(t -> t.validAt(now));
  }

  boolean revoke(String token) {
    return tokens.remove(token) != null;
  }

  /** Revokes every token issued at {@code path}; how many there were. */
  int revokeIssuedAt(String path) {
    int before = tokens.size();
    tokens.values().removeIf(t -> t.path().equals(path));
    return before - tokens.size();
  }

  Instant now() {
    return clock.instant();
  }

  private static String random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }
}
