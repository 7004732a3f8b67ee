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
 * per state; consumed states are remembered until they expire; expired records are purged as new
 * ones are saved, so memory stays bounded by the requests of one TTL. Works only when the callback
 * reaches the node that began the request. Thread-safe.
 */
public final class InMemoryStateRepository implements StateRepository {
  private static final int MIN_PURGE_THRESHOLD = 1024;

  private final Clock clock;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
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
    if (entries.putIfAbsent(pending.state(), new Entry(pending, false)) != null) {
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
          if (entry.consumed) {
            outcome[0] = new StateConsumption.AlreadyConsumed();
          } else if (clock.instant().isBefore(entry.pending.expiresAt())) {
            outcome[0] = new StateConsumption.Consumed(entry.pending);
          } else {
            outcome[0] = new StateConsumption.Expired(entry.pending);
          }
          return new Entry(entry.pending, true);
        });
    return outcome[0];
  }

  @Override
  public int purgeExpired() {
    var now = clock.instant();
    int removed = 0;
    for (var record : entries.entrySet()) {
      if (!now.isBefore(record.getValue().pending.expiresAt())
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

  private record Entry(PendingAuthorization pending, boolean consumed) {}
}
