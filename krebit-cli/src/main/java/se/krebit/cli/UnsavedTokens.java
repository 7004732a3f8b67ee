package se.krebit.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;

/**
 * The refresh tokens this process received from Krebit but has not seen land in the store: a write
 * of a new refresh token (a sign-in, a rotation) that failed or lost its compare-and-set. A rotated
 * refresh token is the only valid one, so until it is stored, exiting would sign the user out.
 * Writes that carry no new refresh token (taking or releasing a refresh lease, marking a refused
 * one) are not tracked. Thread-safe.
 */
final class UnsavedTokens {
  /** A write to try again: the record, at the version it expected. */
  record Unsaved(long expectedVersion, TokenRecord record) {}

  private final Map<TokenKey, StoredTokens> lastSeen = new ConcurrentHashMap<>();
  private final Map<TokenKey, Unsaved> unsaved = new ConcurrentHashMap<>();

  /** What the store holds for {@code key}, as a load just showed. */
  void loaded(TokenKey key, Optional<StoredTokens> stored) {
    stored.ifPresentOrElse(s -> lastSeen.put(key, s), () -> lastSeen.remove(key));
  }

  /** A compare-and-set of {@code record} threw: it may not have been written. */
  void failed(TokenKey key, long expectedVersion, TokenRecord record) {
    if (carriesNewRefreshToken(key, expectedVersion, record)) {
      unsaved.put(key, new Unsaved(expectedVersion, record));
    }
  }

  /**
   * A compare-and-set of {@code record} returned {@code result}: written, or lost to another
   * writer.
   */
  void answered(
      TokenKey key, long expectedVersion, TokenRecord record, Optional<StoredTokens> result) {
    if (result.isPresent()) {
      lastSeen.put(key, result.get());
      unsaved.computeIfPresent(
          key, (k, pending) -> sameRefreshToken(pending.record(), record) ? null : pending);
    } else {
      failed(key, expectedVersion, record);
    }
  }

  /** The user signed out: nothing of theirs is to be kept. */
  void forget(TokenKey key) {
    lastSeen.remove(key);
    unsaved.remove(key);
  }

  /** A snapshot of what is still unsaved. */
  Map<TokenKey, Unsaved> snapshot() {
    return Map.copyOf(unsaved);
  }

  /** Forgets {@code pending}: the store holds its refresh token now, or never will. */
  void settled(TokenKey key, Unsaved pending) {
    unsaved.remove(key, pending);
  }

  static boolean sameRefreshToken(TokenRecord a, TokenRecord b) {
    return a.tokens().refreshToken().equals(b.tokens().refreshToken());
  }

  private boolean carriesNewRefreshToken(TokenKey key, long expectedVersion, TokenRecord record) {
    if (record.refreshLease().isPresent()
        || record.reauthorizationRequired()
        || record.tokens().refreshToken().isEmpty()) {
      return false;
    }
    StoredTokens before = lastSeen.get(key);
    return before == null
        || before.version() != expectedVersion
        || !sameRefreshToken(before.record(), record);
  }
}
