package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import se.krebit.auth.internal.Durations;

/**
 * When a cached token is refreshed, how failures back off, and how long a caller may wait: a policy
 * of the token sources, not connection configuration (that is {@code HttpConfig}), so it is given
 * to a source or to {@code Krebit.builder(config)}, not set on {@code KrebitAuthConfig}.
 *
 * <p>A token with lifetime {@code L} is served until {@code L - min(expirySkew, L/10)} after it was
 * requested. It is refreshed in the background, while still being served, from {@code
 * min(refreshAheadMax, refreshAheadFraction × L)} before that instant, moved earlier by a random
 * part (up to {@code jitter}) of that margin so a fleet of nodes spreads its requests. Failed
 * refreshes are retried with exponential backoff between {@code minRetryDelay} and {@code
 * maxRetryDelay}, or after the server's {@code Retry-After} if that is longer. Immutable.
 *
 * <pre>{@code
 * RefreshPolicy policy = RefreshPolicy.custom().acquireTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * @param refreshAheadMax the longest refresh-ahead margin; default {@value
 *     #DEFAULT_REFRESH_AHEAD_MAX_SECONDS} s
 * @param refreshAheadFraction the margin as a fraction of the lifetime, in (0, 0.5]; default 0.1
 * @param jitter the random part of the margin, in [0, 1]; default 0.25
 * @param expirySkew the most a token's served life is cut short, for clock and transit slack;
 *     default 5 s
 * @param minRetryDelay the first backoff after a failed request; default 1 s
 * @param maxRetryDelay the longest backoff; default 15 s
 * @param acquireTimeout the longest a caller waits for a token request; default 30 s
 */
public record RefreshPolicy(
    Duration refreshAheadMax,
    double refreshAheadFraction,
    double jitter,
    Duration expirySkew,
    Duration minRetryDelay,
    Duration maxRetryDelay,
    Duration acquireTimeout) {
  static final long DEFAULT_REFRESH_AHEAD_MAX_SECONDS = 60;

  /** The longest refresh-ahead margin unless set: one minute. */
  public static final Duration DEFAULT_REFRESH_AHEAD_MAX =
      Duration.ofSeconds(DEFAULT_REFRESH_AHEAD_MAX_SECONDS);

  /** The refresh-ahead margin as a fraction of a token's lifetime unless set: a tenth. */
  public static final double DEFAULT_REFRESH_AHEAD_FRACTION = 0.10;

  /** The random part of the refresh-ahead margin unless set: up to a quarter of it. */
  public static final double DEFAULT_JITTER = 0.25;

  /** The most a token's served life is cut short unless set: five seconds. */
  public static final Duration DEFAULT_EXPIRY_SKEW = Duration.ofSeconds(5);

  /** The first backoff after a failed token request unless set: one second. */
  public static final Duration DEFAULT_MIN_RETRY_DELAY = Duration.ofSeconds(1);

  /** The longest backoff between failed token requests unless set: fifteen seconds. */
  public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(15);

  /** The longest a caller waits for a token request unless set: thirty seconds. */
  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

  private static final RefreshPolicy DEFAULTS = custom().build();

  /**
   * @throws IllegalArgumentException naming the first field out of range
   */
  public RefreshPolicy {
    requirePositive("refreshAheadMax", refreshAheadMax);
    if (!(refreshAheadFraction > 0 && refreshAheadFraction <= 0.5)) {
      throw new IllegalArgumentException(
          "refreshAheadFraction must be in (0, 0.5]: " + refreshAheadFraction);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
    Durations.notNegative("expirySkew", expirySkew, IllegalArgumentException::new);
    requirePositive("minRetryDelay", minRetryDelay);
    requirePositive("maxRetryDelay", maxRetryDelay);
    if (maxRetryDelay.compareTo(minRetryDelay) < 0) {
      throw new IllegalArgumentException("maxRetryDelay must not be shorter than minRetryDelay");
    }
    requirePositive("acquireTimeout", acquireTimeout);
  }

  /** The defaults listed above. */
  public static RefreshPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}: the way to derive a policy from another. */
  public static Builder from(RefreshPolicy base) {
    return new Builder()
        .refreshAheadMax(base.refreshAheadMax)
        .refreshAheadFraction(base.refreshAheadFraction)
        .jitter(base.jitter)
        .expirySkew(base.expirySkew)
        .minRetryDelay(base.minRetryDelay)
        .maxRetryDelay(base.maxRetryDelay)
        .acquireTimeout(base.acquireTimeout);
  }

  /** How much of a token's served life is cut for clock and transit slack: a tenth at most. */
  long skewMillis(long lifetimeMillis) {
    return Math.min(expirySkew.toMillis(), lifetimeMillis / 10);
  }

  /** How long before the end of its served life a token is refreshed, before jitter. */
  long refreshAheadMillis(long lifetimeMillis) {
    return Math.min(refreshAheadMax.toMillis(), (long) (lifetimeMillis * refreshAheadFraction));
  }

  private static void requirePositive(String name, Duration value) {
    Durations.positive(name, value, IllegalArgumentException::new);
  }

  /** Builds a {@link RefreshPolicy}; each setter is checked when {@link #build()} runs. */
  public static final class Builder {
    private Duration refreshAheadMax = DEFAULT_REFRESH_AHEAD_MAX;
    private double refreshAheadFraction = DEFAULT_REFRESH_AHEAD_FRACTION;
    private double jitter = DEFAULT_JITTER;
    private Duration expirySkew = DEFAULT_EXPIRY_SKEW;
    private Duration minRetryDelay = DEFAULT_MIN_RETRY_DELAY;
    private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
    private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;

    private Builder() {}

    /** The longest refresh-ahead margin, however long the token lives; positive. */
    public Builder refreshAheadMax(Duration value) {
      this.refreshAheadMax = requireNonNull(value, "refreshAheadMax");
      return this;
    }

    /** The refresh-ahead margin as a fraction of the token's lifetime, in (0, 0.5]. */
    public Builder refreshAheadFraction(double value) {
      this.refreshAheadFraction = value;
      return this;
    }

    /**
     * The random part of the margin, in [0, 1]; 0 turns off the spreading of a fleet's refreshes.
     */
    public Builder jitter(double value) {
      this.jitter = value;
      return this;
    }

    /** The most a token's served life is cut short for clock and transit slack; not negative. */
    public Builder expirySkew(Duration value) {
      this.expirySkew = requireNonNull(value, "expirySkew");
      return this;
    }

    /** The first backoff after a failed token request; positive. */
    public Builder minRetryDelay(Duration value) {
      this.minRetryDelay = requireNonNull(value, "minRetryDelay");
      return this;
    }

    /** The longest backoff between failed token requests; positive, not shorter than the first. */
    public Builder maxRetryDelay(Duration value) {
      this.maxRetryDelay = requireNonNull(value, "maxRetryDelay");
      return this;
    }

    /** The longest a caller waits for a token request before it fails; positive. */
    public Builder acquireTimeout(Duration value) {
      this.acquireTimeout = requireNonNull(value, "acquireTimeout");
      return this;
    }

    /**
     * A policy of the values set, and the defaults for the others.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public RefreshPolicy build() {
      return new RefreshPolicy(
          refreshAheadMax,
          refreshAheadFraction,
          jitter,
          expirySkew,
          minRetryDelay,
          maxRetryDelay,
          acquireTimeout);
    }
  }
}
