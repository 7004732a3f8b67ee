package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.UUID;

/** Signed test deliveries, under the tests' own HMAC. */
final class Deliveries {
  static final String SECRET = "whsec_test_8c4a1f2e9b7d5a3c";

  private Deliveries() {}

  /** A {@code signing.sent} body with a fresh event id. */
  static byte[] signingSent() {
    return ("{\"id\":\"evt_"
            + UUID.randomUUID()
            + "\",\"event\":\"signing.sent\",\"data\":{\"signing_id\":\"sig-1\"}}")
        .getBytes(UTF_8);
  }

  /** Headers that sign {@code body} with {@link #SECRET}. */
  static WebhookHeaders signed(byte[] body) {
    return WebhookHeaders.of(
        "X-Signature",
        Hmac.hex(SECRET, body),
        "Content-Type",
        "application/json",
        "Content-Length",
        String.valueOf(body.length));
  }

  static WebhookVerifier verifier() {
    return WebhookVerifier.builder().secret(SECRET).build();
  }
}
