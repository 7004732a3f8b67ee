package se.krebit.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which {@code returnTo} targets are safe to send a user to after sign-in: a path on this
 * site, or a URI on an allow-listed origin. Everything a browser could read as another site is
 * refused, including encoded and backslash variants of {@code //host}.
 */
final class ReturnToPolicy {
  private static final int MAX_LENGTH = 2048;
  private static final int MAX_DECODING_ROUNDS = 3;

  private final Set<String> allowedOrigins;

  ReturnToPolicy(Set<URI> allowedOrigins) {
    this.allowedOrigins =
        allowedOrigins.stream().map(ReturnToPolicy::origin).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @return {@code returnTo} unchanged, if safe
   * @throws InvalidReturnToException if not
   */
  String check(String returnTo) {
    if (returnTo.isEmpty() || returnTo.length() > MAX_LENGTH || hasUnsafeCharacter(returnTo)) {
      throw new InvalidReturnToException();
    }
    if (returnTo.startsWith("/")) {
      if (!isPlainPath(returnTo)) {
        throw new InvalidReturnToException();
      }
      return returnTo;
    }
    if (!isOnAllowedOrigin(returnTo)) {
      throw new InvalidReturnToException();
    }
    return returnTo;
  }

  /** A path that stays a path however many times a server or browser decodes it. */
  private static boolean isPlainPath(String path) {
    if (!parsesAsPath(path)) {
      return false;
    }
    String decoded = path;
    for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
      // Browsers drop tabs and newlines inside URLs and read "\" as "/": "/\t/evil" means "//evil".
      String asBrowsersRead = decoded.replaceAll("[\\s\\p{Cntrl}]", "").replace('\\', '/');
      if (asBrowsersRead.startsWith("//")) {
        return false;
      }
      String next;
      try {
        next = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (next.equals(decoded)) {
        return true;
      }
      decoded = next;
    }
    return false; // still changing after several rounds of decoding: nobody needs that
  }

  private static boolean parsesAsPath(String candidate) {
    try {
      URI uri = new URI(candidate);
      return uri.getScheme() == null && uri.getRawAuthority() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private boolean isOnAllowedOrigin(String candidate) {
    try {
      URI uri = new URI(candidate);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && allowedOrigins.contains(origin(uri));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean hasUnsafeCharacter(String value) {
    return value
        .chars()
        .anyMatch(c -> c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c));
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }
}
