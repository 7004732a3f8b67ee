package se.krebit.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Unguessable values the fake hands out: tokens, codes, consent handles and webhook secrets with
 * 256 random bits; request and event ids with 96; token family and webhook ids with 64 (names, not
 * credentials).
 */
final class RandomValues {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private RandomValues() {}

  /** An opaque bearer token: 43 URL-safe base64 characters, planted for secret-hygiene checks. */
  static String token() {
    return planted(random(32));
  }

  /** An authorization code: 43 URL-safe base64 characters, planted for secret-hygiene checks. */
  static String code() {
    return planted(random(32));
  }

  /** A webhook signing secret: 43 URL-safe base64 characters, planted for secret-hygiene checks. */
  static String webhookSecret() {
    return planted(random(32));
  }

  /** A webhook event id such as {@code evt_5f0c2a9e41d7b3c86a2e9f01} (an assumed format). */
  static String eventId() {
    return "evt_" + HexFormat.of().formatHex(bytes(12));
  }

  /** A webhook endpoint id such as {@code wh_5f0c2a9e41d7b3c8} (an assumed format). */
  static String webhookId() {
    return "wh_" + HexFormat.of().formatHex(bytes(8));
  }

  private static String planted(String credential) {
    PlantedSecrets.plant(credential);
    return credential;
  }

  /** A token family id such as {@code fam_5f0c2a9e41d7b3c8}. */
  static String familyId() {
    return "fam_" + HexFormat.of().formatHex(bytes(8));
  }

  /** A {@code request_id} header value such as {@code req_5f0c2a9e41d7b3c86a2e9f01}. */
  static String requestId() {
    return "req_" + HexFormat.of().formatHex(bytes(12));
  }

  private static String random(int bytes) {
    return URL_SAFE.encodeToString(bytes(bytes));
  }

  private static byte[] bytes(int count) {
    byte[] value = new byte[count];
    RANDOM.nextBytes(value);
    return value;
  }
}
