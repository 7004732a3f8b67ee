package se.krebit.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.ReauthorizationRequiredException.Reason;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.spi.TokenStore;

/**
 * One subject's access tokens, cached like app tokens and refreshed through the shared
 * {@link TokenStore} so that, across every node sharing the store, each refresh token is redeemed once.
 *
 * <p>To refresh, a node takes the record's {@link RefreshLease} with compare-and-set, redeems the
 * refresh token, and writes the rotated set with compare-and-set before handing out the access token.
 * Nodes that find the lease taken serve the stored token while it is usable, or wait for the holder's
 * result, looking again shortly. No timer is involved: the first call past the refresh-ahead instant
 * starts the refresh in the background, so idle users cost no timer and their refresh tokens are
 * not redeemed.
 *
 * <p>One exists per active user, so it is kept small: what users share lives in {@link Shared},
 * and its lease-owner name and log name are built only when a refresh or a log line needs them.
 * Thread-safe.
 */
final class SubjectTokenSource implements TokenSource, TokenCache.Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);
  private static final int WRITE_ATTEMPTS = 3;
  private static final VarHandle PENDING_WRITE;

  static {
    try {
      PENDING_WRITE =
          MethodHandles.lookup().findVarHandle(SubjectTokenSource.class, "pendingWrite", PendingWrite.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TokenKey key;
  private final Shared settings;
  private final long ownerNumber; // this source's lease owner is the node's id and this number
  private final TokenCache cache;
  private volatile @Nullable String rejectedValue;
  private volatile @Nullable PendingWrite pendingWrite;
  private volatile long usedAt; // epoch millis of the latest lookup, to release idle users' sources

  /**
   * What every subject's source of one flow shares.
   *
   * @param cache the settings of every subject's cache: no proactive timer, so an idle user costs nothing
   * @param scheduler retries writing a rotated set the store missed
   */
  record Shared(
      ClientCredentials client,
      TokenEndpoint endpoint,
      TokenStore store,
      TokenCache.Wiring cache,
      se.krebit.auth.spi.Scheduler scheduler,
      Duration leaseDuration,
      String node,
      AtomicLong sources) {
    Shared(
        ClientCredentials client,
        TokenEndpoint endpoint,
        TokenStore store,
        TokenCache.Wiring cache,
        se.krebit.auth.spi.Scheduler scheduler,
        Duration leaseDuration) {
      this(client, endpoint, store, cache, scheduler, leaseDuration, UUID.randomUUID().toString(), new AtomicLong());
    }

    Clock clock() {
      return cache.clock();
    }

    RefreshPolicy policy() {
      return cache.policy();
    }

    java.util.concurrent.Executor executor() {
      return cache.executor();
    }
  }

  private record PendingWrite(long claimedVersion, TokenRecord record) {}

  SubjectTokenSource(TokenKey key, Shared settings) {
    this.key = key;
    this.settings = settings;
    this.ownerNumber = settings.sources().incrementAndGet();
    this.cache = new TokenCache(this, this, settings.cache());
  }

  /** Notes a lookup at {@code nowMillis}; writes only when the time moved, so hot users share no store. */
  void touch(long nowMillis) {
    if (usedAt != nowMillis) {
      usedAt = nowMillis;
    }
  }

  /** When it was last looked up, in epoch millis. */
  long usedAt() {
    return usedAt;
  }

  /**
   * Whether this source can be released at {@code nowMillis}, to be rebuilt from the store on the next
   * lookup: unused for {@code idleMillis}, no token request in flight, no failure backing off, and no
   * rotated refresh token waiting to be written (that one exists only here).
   */
  boolean isReleasableAt(long nowMillis, long idleMillis) {
    return nowMillis - usedAt >= idleMillis && pendingWrite == null && cache.isQuiet(nowMillis);
  }

  @Override
  public AccessToken token() {
    return cache.get();
  }

  @Override
  public void invalidate(AccessToken rejected) {
    rejectedValue = rejected.value();
    cache.invalidate(rejected);
  }

  /** Forgets everything cached, after a new sign-in or a sign-out. */
  void reset() {
    rejectedValue = null;
    pendingWrite = null;
    cache.reset();
  }

  @Override
  public TokenCache.Fetched fetch() {
    String owner = owner();
    while (true) {
      writePendingRotation();
      StoredTokens stored = load();
      TokenRecord record = stored.record();
      if (record.reauthorizationRequired()) {
        throw new ReauthorizationRequiredException(key.subject(), Reason.REFRESH_TOKEN_REFUSED, null);
      }
      Instant now = settings.clock().instant();
      TokenSet tokens = record.tokens();
      TokenLife life = TokenLife.of(tokens.accessToken(), tokens.obtainedAt(), settings.policy());
      boolean rejected = tokens.accessToken().value().equals(rejectedValue);
      if (!rejected && now.toEpochMilli() < life.earliestRefresh()) {
        return fetched(tokens, false); // first use after sign-in, or another node refreshed
      }
      Optional<RefreshLease> lease = record.refreshLease();
      if (lease.isPresent() && lease.get().isHeldAt(now) && !lease.get().owner().equals(owner)) {
        if (!rejected && now.toEpochMilli() < life.usableUntil()) {
          return fetched(tokens, true); // another node is refreshing; this token still serves meanwhile
        }
        throw TokenCache.RefreshingElsewhere.INSTANCE; // callers wait for that node's result
      }
      RefreshToken refreshToken =
          tokens.refreshToken()
              .orElseThrow(() -> new ReauthorizationRequiredException(key.subject(), Reason.NO_REFRESH_TOKEN, null));
      Instant leaseEnd = now.plus(settings.leaseDuration());
      Optional<StoredTokens> claimed =
          settings.store().compareAndSet(key, stored.version(), record.withoutLease().leasedTo(new RefreshLease(owner, leaseEnd)));
      if (claimed.isPresent()) {
        return redeem(claimed.get(), refreshToken);
      }
      // Someone wrote between our read and our claim: look again.
    }
  }

  private static TokenCache.Fetched fetched(TokenSet tokens, boolean newerComing) {
    return new TokenCache.Fetched(tokens.accessToken(), tokens.obtainedAt(), newerComing);
  }

  private TokenCache.Fetched redeem(StoredTokens claimed, RefreshToken refreshToken) {
    Instant requestedAt = settings.clock().instant();
    long started = System.nanoTime();
    TokenResponse response;
    try {
      response = settings.endpoint().exchange(settings.client(), new RefreshTokenGrant(refreshToken, Set.of()));
    } catch (InvalidGrantException refused) {
      return afterRefusal(claimed, refused);
    } catch (RuntimeException failure) {
      releaseLease(claimed);
      throw failure;
    }
    TokenSet rotated = claimed.tokens().rotatedTo(response.toTokenSet(requestedAt));
    persist(claimed.version(), TokenRecord.of(rotated));
    rejectedValue = null;
    LOG.debug("Refreshed subject '{}': token {}, refresh token {}{}, request_id {}, {} ms",
        key.subject(),
        rotated.accessToken().fingerprint(),
        rotated.refreshToken().map(RefreshToken::fingerprint).orElse("none"),
        response.refreshToken().isPresent() ? " (rotated)" : " (kept)",
        response.requestId().orElse("none"),
        (System.nanoTime() - started) / 1_000_000);
    return fetched(rotated, false);
  }

  /** Krebit refused our refresh token: unless someone stored a newer set meanwhile, the user must sign in. */
  private TokenCache.Fetched afterRefusal(StoredTokens claimed, InvalidGrantException refused) {
    StoredTokens latest =
        settings.store().load(key)
            .orElseThrow(() -> new ReauthorizationRequiredException(key.subject(), Reason.NOT_SIGNED_IN, refused));
    if (latest.version() != claimed.version()) {
      TokenRecord newer = latest.record();
      TokenLife life = TokenLife.of(newer.tokens().accessToken(), newer.tokens().obtainedAt(), settings.policy());
      if (!newer.reauthorizationRequired() && settings.clock().millis() < life.usableUntil()) {
        return fetched(newer.tokens(), false);
      }
    } else {
      settings.store().compareAndSet(key, claimed.version(), claimed.record().requiringReauthorization());
      LOG.warn("Subject '{}' must sign in again: Krebit refused the refresh token {} (request_id {})",
          key.subject(),
          claimed.tokens().refreshToken().map(RefreshToken::fingerprint).orElse("none"),
          refused.requestId().orElse("none"));
    }
    throw new ReauthorizationRequiredException(key.subject(), Reason.REFRESH_TOKEN_REFUSED, refused);
  }

  /**
   * Writes the rotated set before anyone sees its access token. If the store keeps failing, the set
   * is kept in memory and written as soon as the store is back — by a background retry, and first
   * thing on the next call: a rotated refresh token is the only valid one, and losing it would sign
   * the user out. (Should the outage outlast the refresh lease while another node serves the same
   * user, that node may redeem the old refresh token first; size the lease for your outages.)
   */
  private void persist(long claimedVersion, TokenRecord rotated) {
    TokenStoreException last = null;
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      try {
        if (settings.store().compareAndSet(key, claimedVersion, rotated).isEmpty()) {
          LOG.error("Subject '{}': the refresh lease lapsed before the rotated tokens were stored; another node"
              + " may have redeemed the same refresh token. Raise the lease duration above the token request time.",
              key.subject());
        }
        return;
      } catch (TokenStoreException e) {
        last = e;
      }
    }
    PendingWrite pending = new PendingWrite(claimedVersion, rotated);
    pendingWrite = pending;
    scheduleRetry(pending, settings.policy().minRetryDelay());
    throw new TokenStoreException(
        "Refreshed tokens for subject '" + key.subject() + "' could not be stored; they are kept in memory and"
            + " stored as soon as the store answers again.",
        true,
        last);
  }

  /** Writes a rotated set the store missed, if there is one; throws while the store still fails. */
  private void writePendingRotation() {
    PendingWrite pending = pendingWrite;
    if (pending != null) {
      settings.store().compareAndSet(key, pending.claimedVersion(), pending.record());
      PENDING_WRITE.compareAndSet(this, pending, null);
      LOG.info("Subject '{}': rotated tokens stored after the store came back", key.subject());
    }
  }

  private void scheduleRetry(PendingWrite pending, Duration delay) {
    Instant at = settings.clock().instant().plus(delay);
    Duration next = delay.multipliedBy(2).compareTo(settings.policy().maxRetryDelay()) > 0
        ? settings.policy().maxRetryDelay()
        : delay.multipliedBy(2);
    settings.scheduler().schedule(at, () -> {
      boolean started = TokenRequestPool.offer(settings.executor(), () -> {
        if (pendingWrite != pending) {
          return; // written, or replaced by a new sign-in
        }
        try {
          writePendingRotation();
        } catch (TokenStoreException stillDown) {
          scheduleRetry(pending, next);
        }
      }, true);
      if (!started) {
        scheduleRetry(pending, next); // no thread free: try again later, never on the timer's thread
      }
    });
  }

  private void releaseLease(StoredTokens claimed) {
    try {
      settings.store().compareAndSet(key, claimed.version(), claimed.record().withoutLease());
    } catch (TokenStoreException e) {
      LOG.warn("Subject '{}': could not release the refresh lease; it lapses by itself", key.subject());
    }
  }

  private StoredTokens load() {
    return settings.store().load(key)
        .orElseThrow(() -> new ReauthorizationRequiredException(key.subject(), Reason.NOT_SIGNED_IN, null));
  }

  private String owner() {
    return settings.node() + "/" + ownerNumber;
  }

  /** How logs name this source (see {@link TokenCache}'s {@code name}). */
  @Override
  public String toString() {
    return "subject '" + key.subject() + "'";
  }
}
