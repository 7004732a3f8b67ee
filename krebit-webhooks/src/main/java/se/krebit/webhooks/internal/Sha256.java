package se.krebit.webhooks.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, for delivery keys and for naming a secret without revealing it. Stateless. */
public final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of {@code bytes}: 32 bytes. */
  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The SHA-256 of {@code bytes} in lower-case hex: 64 characters. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }
}
