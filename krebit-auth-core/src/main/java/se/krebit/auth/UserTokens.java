package se.krebit.auth;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.spi.Scheduler;

/**
 * The token sources of the users active on this node: one per subject while it is in use, released
 * once unused for the idle timeout and rebuilt from the {@link se.krebit.auth.spi.TokenStore} on the
 * next lookup, so memory follows the active users rather than everyone who ever signed in.
 *
 * <p>Releasing costs nothing a new source would not find in the store: a source with a token request
 * in flight, a failure backing off or a rotated refresh token not yet written is kept. One sweep
 * task on the scheduler does the releasing, whatever the number of users; it is armed while any
 * source is held. Should an application keep a released source and go on calling it, it still
 * serves correctly: it and its successor coordinate through the store's lease like two nodes.
 * Thread-safe.
 */
final class SubjectSources {
  /** The fewest and most milliseconds between sweeps: a quarter of the idle timeout, within these. */
  private static final long MIN_SWEEP_MILLIS = 10;
  private static final long MAX_SWEEP_MILLIS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(SubjectSources.class);

  private final Tenant tenant;
  private final ClientCredentials client;
  private final SubjectTokenSource.Settings settings;
  private final Clock clock;
  private final CoarseClock coarse;
  private final long idleMillis;
  private final long sweepMillis;
  private final ConcurrentMap<String, SubjectTokenSource> sources = new ConcurrentHashMap<>();
  private final AtomicBoolean sweepArmed = new AtomicBoolean();

  SubjectSources(Tenant tenant, ClientCredentials client, SubjectTokenSource.Settings settings, Duration idleTimeout) {
    this.tenant = tenant;
    this.client = client;
    this.settings = settings;
    this.clock = settings.clock();
    this.coarse = settings.cache().coarse();
    this.idleMillis = idleTimeout.toMillis();
    this.sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, idleMillis / 4));
  }

  /** The source of {@code subject}: the one in use, or a new one that reads the store on its first call. */
  SubjectTokenSource get(String subject) {
    SubjectTokenSource source = sources.get(subject);
    if (source == null) {
      TokenKey key = TokenKey.of(tenant, client, subject);
      source = sources.computeIfAbsent(subject, s -> new SubjectTokenSource(key, settings));
      armSweep();
    }
    source.touch(now());
    return source;
  }

  /** The source of {@code subject} if one is held, without creating one. */
  @Nullable SubjectTokenSource held(String subject) {
    return sources.get(subject);
  }

  /** Forgets {@code subject}'s source, if one is held, and returns it. */
  @Nullable SubjectTokenSource remove(String subject) {
    return sources.remove(subject);
  }

  /** How many sources are held now. */
  int size() {
    return sources.size();
  }

  /** Releases every source unused for the idle timeout that has nothing to lose; returns how many. */
  int releaseIdle() {
    long now = now();
    int released = 0;
    for (var entry : sources.entrySet()) {
      SubjectTokenSource source = entry.getValue();
      if (source.isReleasableAt(now, idleMillis) && sources.remove(entry.getKey(), source)) {
        released++;
      }
    }
    return released;
  }

  /** The time lookups are noted at: the coarse clock's, or the clock's while that is unknown. */
  long now() {
    long coarseNow = coarse.millis();
    return coarseNow != CoarseClock.UNKNOWN ? coarseNow : clock.millis();
  }

  private void armSweep() {
    if (sweepArmed.compareAndSet(false, true)) {
      schedule(new WeakReference<>(this), settings.scheduler(), clock, sweepMillis);
    }
  }

  /** One task for all users; it holds this registry weakly, so an abandoned flow is collected with its users. */
  private static void schedule(WeakReference<SubjectSources> ref, Scheduler scheduler, Clock clock, long delayMillis) {
    scheduler.schedule(Instant.ofEpochMilli(clock.millis() + delayMillis), () -> {
      SubjectSources registry = ref.get();
      if (registry == null) {
        return;
      }
      try {
        int released = registry.releaseIdle();
        if (released > 0) {
          LOG.debug("Released the token sources of {} idle subjects; {} remain", released, registry.size());
        }
      } finally {
        registry.sweepArmed.set(false);
        if (!registry.sources.isEmpty()) {
          registry.armSweep();
        }
      }
    });
  }
}
