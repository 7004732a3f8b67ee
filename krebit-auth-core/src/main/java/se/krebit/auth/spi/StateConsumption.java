package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

/** The outcome of consuming a {@code state}: the pending request exactly once, or why not. */
public sealed interface StateConsumption {
  /** The state was pending and is now consumed; nobody else will get it. */
  record Consumed(PendingAuthorization pending) implements StateConsumption {
    /** Requires the pending authorization that was consumed. */
    public Consumed {
      requireNonNull(pending, "pending");
    }
  }

  /** The state was pending but its time ran out; it is now consumed too. */
  record Expired(PendingAuthorization pending) implements StateConsumption {
    /** Requires the pending authorization that expired. */
    public Expired {
      requireNonNull(pending, "pending");
    }
  }

  /** The state was consumed before: a replayed callback. */
  record AlreadyConsumed() implements StateConsumption {}

  /** No request with this state was ever saved here, or it was purged long ago. */
  record Unknown() implements StateConsumption {}
}
