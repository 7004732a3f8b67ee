package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import se.krebit.webhooks.internal.SafeText;
import se.krebit.webhooks.spi.DeliveryKey;

/**
 * A delivery whose signature checked out against one of the configured secrets: its event, the key
 * it is deduplicated by, and who sent it.
 *
 * @param event the event, typed
 * @param key what identifies this delivery among Krebit's retries of it
 * @param clientId the {@code X-Client-Id} header (or the configured one), if the delivery had it
 * @param secretFingerprint the {@link WebhookSecret#fingerprint()} of the secret that verified it,
 *     which tells when an old secret is no longer used during a rotation
 */
public record VerifiedDelivery(
    WebhookEvent event, DeliveryKey key, Optional<String> clientId, String secretFingerprint)
    implements WebhookVerification {
  /** Requires every member, an absent client id as empty. */
  public VerifiedDelivery {
    requireNonNull(event, "event");
    requireNonNull(key, "key");
    requireNonNull(clientId, "clientId");
    requireNonNull(secretFingerprint, "secretFingerprint");
  }

  @Override
  public String toString() {
    return "VerifiedDelivery["
        + event
        + ", key="
        + key
        + ", clientId="
        + clientId.map(SafeText::of).orElse("-")
        + ", secret="
        + secretFingerprint
        + "]";
  }
}
