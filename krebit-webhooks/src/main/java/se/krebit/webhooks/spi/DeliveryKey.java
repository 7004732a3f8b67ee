package se.krebit.webhooks.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import se.krebit.webhooks.internal.SafeText;
import se.krebit.webhooks.internal.Sha256;

/**
 * What identifies one delivery among Krebit's retries of it: a delivery id header if one is
 * configured and present, else the event's type and id, else the SHA-256 of the body.
 *
 * @param source where the key comes from
 * @param value the id (for an event: its type, a space and its id) or the body's SHA-256 in hex
 */
public record DeliveryKey(Source source, String value) {
  /** Where a key comes from. */
  public enum Source {
    /** A delivery id header. */
    DELIVERY_ID,
    /** The event's type and id, from the payload. */
    EVENT_ID,
    /** The SHA-256 of the body: used when the delivery names no id. */
    BODY_SHA256
  }

  /**
   * Requires both members and a non-empty value.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public DeliveryKey {
    requireNonNull(source, "source");
    requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a delivery key must not be empty");
    }
  }

  /** The key of a delivery that carried {@code deliveryId} in a delivery id header. */
  public static DeliveryKey ofDeliveryId(String deliveryId) {
    return new DeliveryKey(Source.DELIVERY_ID, deliveryId);
  }

  /** The key of an event of type {@code type} with the id {@code eventId}. */
  public static DeliveryKey ofEvent(String type, String eventId) {
    requireNonNull(eventId, "eventId");
    if (eventId.isEmpty()) {
      throw new IllegalArgumentException("an event id must not be empty");
    }
    return new DeliveryKey(Source.EVENT_ID, requireNonNull(type, "type") + " " + eventId);
  }

  /** The key of a delivery without an id: the SHA-256 of its body. */
  public static DeliveryKey ofBody(byte[] body) {
    return new DeliveryKey(Source.BODY_SHA256, Sha256.hex(requireNonNull(body, "body")));
  }

  /**
   * The SHA-256 of the source and value: 32 bytes that stand for the key in a store, whatever its
   * length and characters.
   */
  public byte[] digest() {
    return Sha256.digest((source.name() + "\n" + value).getBytes(StandardCharsets.UTF_8));
  }

  /** The value shown only if it looks like an id, since it came from the network. */
  @Override
  public String toString() {
    return "DeliveryKey[" + source + " " + SafeText.of(value.replace(' ', ':')) + "]";
  }
}
