package se.krebit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * The AWS SDK for Java v2's {@link CachedSupplier}, the cache behind its credential and token
 * providers, with a {@link TokenServerStub} as the value source. Default prefetch strategy ({@code
 * OneCallerBlocks}); like the SDK's own providers, a value becomes stale (every caller waits for a
 * refresh) 1 min before expiry and is prefetched (by one caller, who waits) from 5 min before.
 */
public final class AwsCachedSupplierContender {
  static final Duration STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);
  static final Duration PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private AwsCachedSupplierContender() {}

  /** A supplier with no value yet: the first caller fetches. Close it when done. */
  public static CachedSupplier<String> supplier(TokenServerStub server) {
    return CachedSupplier.builder(
            () -> {
              Instant askedAt = Instant.now();
              TokenServerStub.Issued issued = server.issue();
              Instant expiresAt = askedAt.plus(issued.lifetime());
              return RefreshResult.builder(issued.value())
                  .staleTime(expiresAt.minus(STALE_BEFORE_EXPIRY))
                  .prefetchTime(expiresAt.minus(PREFETCH_BEFORE_EXPIRY))
                  .build();
            })
        .cachedValueName("krebit-benchmark")
        .build();
  }
}
