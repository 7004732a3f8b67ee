package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenKey;

/**
 * Vault paths for token keys that no key can escape: each part of a key (tenant, client id,
 * subject) becomes one path segment in which every byte of its UTF-8 form other than ASCII letters,
 * digits, {@code _} and {@code -} is written {@code ~XX} (two upper-case hex digits). So a segment
 * holds only {@code [A-Za-z0-9_~-]}: never a {@code /}, never {@code .} or {@code ..}, never
 * anything a URL or a Vault policy glob reads specially; it is never empty (key parts are not
 * blank); and different keys give different paths, because the escaping is reversible. Plain
 * identifiers stay readable ({@code acme}, {@code app-1}), so policies can still be written per
 * tenant.
 */
final class VaultPaths {
  private static final Pattern SEGMENTS = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private VaultPaths() {}

  /** The escaped form of one key part. */
  static String segment(String part) {
    StringBuilder out = new StringBuilder(part.length());
    for (byte b : part.getBytes(UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-') {
        out.append((char) c);
      } else {
        out.append('~').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /** {@code tenant/client/subject}, each escaped. */
  static String relative(TokenKey key) {
    return segment(key.tenant()) + "/" + segment(key.clientId()) + "/" + segment(key.subject());
  }

  /**
   * A mount such as {@code secret} or {@code kv/team}: segments of {@code [A-Za-z0-9_.-]}, no dot
   * segments.
   */
  static String checkMount(String mount, String name) {
    requireNonNull(mount, name);
    if (!isSegments(mount)) {
      throw new KrebitConfigurationException(
          name
              + " must be path segments of letters, digits, '_', '.' and '-'"
              + " joined by '/', without '.' or '..' segments or slashes at either end; got \""
              + printable(mount)
              + "\"");
    }
    return mount;
  }

  /** A path prefix such as {@code krebit/tokens}, or empty for the mount's root. */
  static String checkPrefix(String prefix) {
    requireNonNull(prefix, "pathPrefix");
    return prefix.isEmpty() ? prefix : checkMount(prefix, "pathPrefix");
  }

  static int depth(String mount) {
    return mount.split("/").length;
  }

  private static boolean isSegments(String path) {
    if (!SEGMENTS.matcher(path).matches()) {
      return false;
    }
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String value) {
    return se.krebit.auth.internal.PrintableText.line(value, 100);
  }
}
