package se.krebit.webhooks.memory;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.spi.DeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * A {@link DeliveryDeduplicator} in this JVM's memory: right for one node, and for tests. Claims
 * are remembered for the retention, and at most {@code maxEntries} of them: beyond that the oldest
 * is forgotten first, so memory stays bounded (about 200 bytes a claim) even under a flood of
 * distinct deliveries. A cluster needs a shared store, such as {@code JdbcDeliveryDeduplicator}.
 *
 * <p>Thread-safe: claims are serialised by one lock, held for a map operation only.
 */
public final class InMemoryDeliveryDeduplicator implements DeliveryDeduplicator {
  /** How many claims are kept unless configured otherwise. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Duration retention;
  private final int maxEntries;
  private final Clock clock;

  /** Claims in the order they were made, with when each expires. */
  private final LinkedHashMap<DeliveryKey, Instant> claims = new LinkedHashMap<>();

  private InMemoryDeliveryDeduplicator(Builder builder) {
    this.retention = builder.retention;
    this.maxEntries = builder.maxEntries;
    this.clock = builder.clock;
  }

  /** One with {@link #DEFAULT_RETENTION}, {@link #DEFAULT_MAX_ENTRIES} and the system clock. */
  public static InMemoryDeliveryDeduplicator create() {
    return builder().build();
  }

  /** A builder with the defaults of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized boolean claim(DeliveryKey key) {
    requireNonNull(key, "key");
    Instant now = clock.instant();
    forgetExpired(now);
    Instant expiry = claims.get(key);
    if (expiry != null && now.isBefore(expiry)) {
      return false;
    }
    claims.remove(key); // re-inserted last: the order stays the order of claiming
    claims.put(key, now.plus(retention));
    if (claims.size() > maxEntries) {
      Iterator<DeliveryKey> oldest = claims.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  @Override
  public synchronized void release(DeliveryKey key) {
    claims.remove(requireNonNull(key, "key"));
  }

  /** How many claims it remembers now. */
  public synchronized int size() {
    forgetExpired(clock.instant());
    return claims.size();
  }

  private void forgetExpired(Instant now) {
    Iterator<Map.Entry<DeliveryKey, Instant>> oldestFirst = claims.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      if (now.isBefore(oldestFirst.next().getValue())) {
        return; // claims expire in the order they were made, as long as the clock does not go back
      }
      oldestFirst.remove();
    }
  }

  @Override
  public String toString() {
    return "InMemoryDeliveryDeduplicator[retention="
        + retention
        + ", maxEntries="
        + maxEntries
        + "]";
  }

  /** Configures an {@link InMemoryDeliveryDeduplicator}. Not thread-safe. */
  public static final class Builder {
    private Duration retention = DEFAULT_RETENTION;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * How long a claim is remembered; positive; default {@link
     * DeliveryDeduplicator#DEFAULT_RETENTION}.
     */
    public Builder retention(Duration retention) {
      requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new KrebitConfigurationException("retention must be positive; got " + retention);
      }
      this.retention = retention;
      return this;
    }

    /**
     * How many claims are kept at most; at least 1; default {@value
     * InMemoryDeliveryDeduplicator#DEFAULT_MAX_ENTRIES}.
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new KrebitConfigurationException("maxEntries must be at least 1; got " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** The clock the retention is measured on; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The deduplicator, empty. */
    public InMemoryDeliveryDeduplicator build() {
      return new InMemoryDeliveryDeduplicator(this);
    }
  }
}
