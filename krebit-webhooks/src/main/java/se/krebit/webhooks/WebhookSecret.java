package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.internal.Sha256;

/**
 * The signing secret Krebit returns when a webhook is created. The HMAC key is its UTF-8 bytes, as
 * in Krebit's guide, where Node's {@code createHmac('sha256', secret)} is given the string. It
 * never shows its value in {@code toString()}, logs or messages; {@link #fingerprint()} names it
 * safely. Immutable.
 */
public final class WebhookSecret {
  private final String value;

  private WebhookSecret(String value) {
    this.value = value;
  }

  /**
   * @param value the secret exactly as Krebit returned it (surrounding whitespace is part of it)
   * @throws KrebitConfigurationException if {@code value} is blank
   */
  public static WebhookSecret of(String value) {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new KrebitConfigurationException("webhook secret must not be blank");
    }
    return new WebhookSecret(value);
  }

  /** The secret itself. */
  public String reveal() {
    return value;
  }

  /** The HMAC key: the secret's UTF-8 bytes, a fresh copy. */
  byte[] key() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A short, non-reversible name for the secret (8 hex digits of its SHA-256), for telling which of
   * several secrets verified a delivery, as during a rotation.
   */
  public String fingerprint() {
    return HexFormat.of().formatHex(Sha256.digest(key()), 0, 4);
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WebhookSecret that && MessageDigest.isEqual(key(), that.key());
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak bits of it
  }

  @Override
  public String toString() {
    return "WebhookSecret[" + fingerprint() + "]";
  }
}
