package se.krebit.webhooks;

/**
 * Hears what a {@link WebhookReceiver} does with each delivery, for metrics, tracing or a console.
 * Implementations must be thread-safe, fast and must not throw; an exception is logged and ignored.
 */
public interface WebhookListener {
  /** Hears nothing. */
  WebhookListener NONE = new WebhookListener() {};

  /** A delivery was refused; it was answered with {@link WebhookRejection#httpStatus()}. */
  default void rejected(WebhookRejection rejection) {}

  /**
   * A verified delivery was new and handed to the executor; the handler may have started already.
   */
  default void accepted(VerifiedDelivery delivery) {}

  /** A verified delivery had been taken before: it was acknowledged and not processed again. */
  default void duplicate(VerifiedDelivery delivery) {}

  /** The handler threw while processing {@code delivery}. */
  default void handlerFailed(VerifiedDelivery delivery, Exception failure) {}
}
