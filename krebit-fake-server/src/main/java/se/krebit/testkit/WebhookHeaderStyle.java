package se.krebit.testkit;

import java.util.Optional;

/**
 * Which headers the fake's deliveries carry: Krebit's webhook guide exists in two versions that
 * name them differently. Both sign alike: HMAC-SHA256 of the raw body, keyed with the endpoint's
 * secret, in lower-case hex.
 */
public enum WebhookHeaderStyle {
  /**
   * The signature in {@code X-Signature}, the client id in {@code X-Client-Id}: the guide's second
   * version.
   */
  X_SIGNATURE("X-Signature", Optional.of("X-Client-Id")),
  /**
   * The signature in {@code X-Krebit-Signature} and no client id: the guide's first version ("for
   * example").
   */
  X_KREBIT_SIGNATURE("X-Krebit-Signature", Optional.empty());

  private final String signatureHeader;
  private final Optional<String> clientIdHeader;

  WebhookHeaderStyle(String signatureHeader, Optional<String> clientIdHeader) {
    this.signatureHeader = signatureHeader;
    this.clientIdHeader = clientIdHeader;
  }

  /** The header the signature goes in. */
  public String signatureHeader() {
    return signatureHeader;
  }

  /** The header the client id goes in, if this style sends one. */
  public Optional<String> clientIdHeader() {
    return clientIdHeader;
  }
}
