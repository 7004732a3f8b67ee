package se.krebit.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test's own HMAC-SHA256, written apart from the verifier: what Krebit's guide does in Node
 * ({@code createHmac('sha256', secret).update(rawBody).digest('hex')}). The OpenSSL vectors check
 * this and the verifier alike.
 */
final class Hmac {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hmac() {}

  static String hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(body);
      char[] hex = new char[digest.length * 2];
      for (int i = 0; i < digest.length; i++) {
        hex[2 * i] = DIGITS[(digest[i] >> 4) & 0xf];
        hex[2 * i + 1] = DIGITS[digest[i] & 0xf];
      }
      return new String(hex);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String hex(String secret, String body) {
    return hex(secret, body.getBytes(StandardCharsets.UTF_8));
  }
}
