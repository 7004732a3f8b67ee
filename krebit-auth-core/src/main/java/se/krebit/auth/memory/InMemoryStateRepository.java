package se.krebit.auth.memory;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;

/**
 * A {@link StateRepository} in this process's memory: the embedded default. Consumption is atomic
 * per state. A consumed request is dropped at once; only a marker (the state and its expiry) is
 * remembered until the expiry, to tell a replay from a forgery. Expired records are purged as new
 * ones are saved, so memory stays bounded by the requests of one TTL. Works only when the callback
 * reaches the node that began the request. Thread-safe.
 */
public final class InMemoryStateRepository implements StateRepository {
  private static final int MIN_PURGE_THRESHOLD = 1024;

  private final Clock clock;
  // A PendingAuthorization until consumed, then a Spent marker until its expiry.
  private final ConcurrentMap<String, Object> entries = new ConcurrentHashMap<>();
  private volatile int purgeThreshold = MIN_PURGE_THRESHOLD;

  /** A repository whose expiry is measured on the system UTC clock. */
  public InMemoryStateRepository() {
    this(Clock.systemUTC());
  }

  /** A repository whose expiry is measured on {@code clock}. */
  public InMemoryStateRepository(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void save(PendingAuthorization pending) {
    requireNonNull(pending, "pending");
    if (entries.putIfAbsent(pending.state(), pending) != null) {
      throw new IllegalStateException("a pending authorization with this state already exists");
    }
    if (entries.size() >= purgeThreshold) {
      purgeExpired();
      purgeThreshold = Math.max(MIN_PURGE_THRESHOLD, entries.size() * 2);
    }
  }

  @Override
  public StateConsumption consume(String state) {
    requireNonNull(state, "state");
    StateConsumption[] outcome = {new StateConsumption.Unknown()};
    entries.computeIfPresent(
        state,
        (s, entry) -> {
          if (entry instanceof PendingAuthorization pending) {
            outcome[0] =
                clock.instant().isBefore(pending.expiresAt())
                    ? new StateConsumption.Consumed(pending)
                    : new StateConsumption.Expired(pending);
            return new Spent(pending.expiresAt().toEpochMilli());
          }
          outcome[0] = new StateConsumption.AlreadyConsumed();
          return entry;
        });
    return outcome[0];
  }

  @Override
  public int purgeExpired() {
    var now = clock.instant();
    int removed = 0;
    for (var record : entries.entrySet()) {
      if (hasExpired(record.getValue(), now)
          && entries.remove(record.getKey(), record.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public String toString() {
    return "InMemoryStateRepository[" + entries.size() + " records]";
  }

  private static boolean hasExpired(Object entry, java.time.Instant now) {
    return entry instanceof PendingAuthorization pending
        ? !now.isBefore(pending.expiresAt())
        : now.toEpochMilli() >= ((Spent) entry).expiresAtMillis();
  }

  /**
   * What is left of a consumed request: enough to recognise a replay until the request would have
   * expired.
   */
  private record Spent(long expiresAtMillis) {}
}
