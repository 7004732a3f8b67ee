package se.krebit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorize requests whose consent page is showing, each under an unguessable handle that the
 * page's form posts back: answerable once, within {@value #LIFETIME_MINUTES} minutes on the fake's
 * clock. Thread-safe.
 */
final class PendingConsents {
  static final int LIFETIME_MINUTES = 10;
  private static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
  private static final int PURGE_THRESHOLD = 1_000;

  private final Clock clock;
  private final Map<String, Pending> byHandle = new ConcurrentHashMap<>();

  PendingConsents(Clock clock) {
    this.clock = clock;
  }

  /** Holds {@code request} for its decision; returns the handle for the consent form. */
  String hold(AuthorizeRequest request) {
    if (byHandle.size() >= PURGE_THRESHOLD) {
      Instant now = clock.instant();
      byHandle.values().removeIf(p -> p.isExpiredAt(now));
    }
    String handle = RandomValues.code();
    byHandle.put(handle, new Pending(request, clock.instant().plus(LIFETIME)));
    return handle;
  }

  /** The request held under {@code handle}, if it is still waiting for its decision. */
  Optional<AuthorizeRequest> find(String handle) {
    Pending pending = byHandle.get(handle);
    return pending == null || pending.isExpiredAt(clock.instant())
        ? Optional.empty()
        : Optional.of(pending.request);
  }

  /**
   * Takes the request held under {@code handle} for its decision; empty if none is waiting (any
   * more).
   */
  Optional<AuthorizeRequest> take(String handle) {
    Pending pending = byHandle.remove(handle);
    return pending == null || pending.isExpiredAt(clock.instant())
        ? Optional.empty()
        : Optional.of(pending.request);
  }

  void clear() {
    byHandle.clear();
  }

  private record Pending(AuthorizeRequest request, Instant expiresAt) {
    boolean isExpiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }
}
