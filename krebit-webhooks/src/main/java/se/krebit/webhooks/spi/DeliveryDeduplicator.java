package se.krebit.webhooks.spi;

import java.time.Duration;

/**
 * Remembers which deliveries were taken, so that a delivery Krebit sends again (a retry after a
 * lost answer, a timeout, an error) is not processed twice: at-most-once processing within the
 * retention. The receiver claims a delivery's key before it hands the delivery on, and releases the
 * claim if it then answers with an error, so that Krebit's retry is processed after all.
 *
 * <p>Implementations must be thread-safe, and a store shared by several nodes must let exactly one
 * of many concurrent claims of a key win. They may forget a claim after a retention of their
 * choosing ({@link #DEFAULT_RETENTION} by default), longer than Krebit keeps retrying.
 *
 * <p>Adapters: {@code InMemoryDeliveryDeduplicator} (one node) and {@code JdbcDeliveryDeduplicator}
 * in {@code krebit-auth-store-jdbc} (a cluster). The test kit's {@code
 * DeliveryDeduplicatorContract} is the suite an adapter of yours should pass.
 */
public interface DeliveryDeduplicator {
  /**
   * How long a claim is remembered unless configured otherwise: 3 days. Krebit's documentation
   * gives no retry schedule; common webhook senders stop retrying within that.
   */
  Duration DEFAULT_RETENTION = Duration.ofDays(3);

  /** Remembers nothing: every delivery is processed, Krebit's retries included (at least once). */
  DeliveryDeduplicator NONE =
      new DeliveryDeduplicator() {
        @Override
        public boolean claim(DeliveryKey key) {
          return true;
        }

        @Override
        public void release(DeliveryKey key) {}

        @Override
        public String toString() {
          return "DeliveryDeduplicator.NONE";
        }
      };

  /**
   * Claims {@code key} for the caller.
   *
   * @return true if the key was not claimed within the retention (process the delivery); false if
   *     it was (a retry of a delivery already taken: acknowledge it and do nothing)
   * @throws RuntimeException if the store can't be read or written (typically a retryable {@code
   *     se.krebit.auth.KrebitException}); the receiver then answers 503, so Krebit tries again
   *     later
   */
  boolean claim(DeliveryKey key);

  /** Gives up a claim, so that the next delivery with {@code key} is processed. Idempotent. */
  void release(DeliveryKey key);
}
