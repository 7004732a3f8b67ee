package se.krebit.testkit.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Responses kept behind a wrapping token, as Vault's response wrapping keeps them in the token's
 * cubbyhole: {@code sys/wrapping/unwrap} hands one out once, before the token's TTL ends, and never
 * again. Thread-safe.
 */
final class WrappedResponses {
  private final Clock clock;
  private final VaultTokens tokens;
  private final Map<String, Wrapped> wrapped = new HashMap<>();

  private record Wrapped(Map<String, ?> response, Instant expiresAt) {}

  WrappedResponses(Clock clock, VaultTokens tokens) {
    this.clock = clock;
    this.tokens = tokens;
  }

  /**
   * Keeps {@code response} (the whole body, envelope included) behind a new wrapping token, which
   * it returns.
   */
  synchronized String wrap(Map<String, ?> response, Duration ttl) {
    String token = tokens.newTokenValue();
    wrapped.put(
        token,
        new Wrapped(
            Collections.unmodifiableMap(new LinkedHashMap<>(response)), clock.instant().plus(ttl)));
    return token;
  }

  /**
   * The response behind {@code token}, once; empty if it was unwrapped already, expired or never
   * existed.
   */
  synchronized Optional<Map<String, ?>> unwrap(String token) {
    Wrapped entry = wrapped.remove(token);
    return entry == null || !clock.instant().isBefore(entry.expiresAt())
        ? Optional.empty()
        : Optional.of(entry.response());
  }
}
