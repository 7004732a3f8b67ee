package se.krebit.webhooks;

/**
 * Your processing of a verified, deduplicated delivery. It runs on the receiver's executor, after
 * the answer to Krebit is on its way, so it may take its time; an exception is logged and reported
 * to the {@link WebhookListener}.
 */
@FunctionalInterface
public interface WebhookHandler {
  /** Processes one delivery. */
  void handle(VerifiedDelivery delivery) throws Exception;
}
