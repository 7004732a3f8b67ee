package se.krebit.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, non-reversible name for a credential, so logs and {@code toString()} can tell two tokens
 * apart without revealing either: the first 8 hex digits of its SHA-256.
 */
public final class Fingerprint {
  private static final int HEX_DIGITS = 8;

  private Fingerprint() {}

  /** The fingerprint of {@code secret}, for example {@code "3f2a9c01"}. */
  public static String of(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
