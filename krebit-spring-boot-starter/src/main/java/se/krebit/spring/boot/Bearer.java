package se.krebit.spring.boot;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import se.krebit.auth.TokenSource;

/**
 * What the interceptors share: the {@link TokenSource} whose tokens they give, which requests get
 * one, and which they send again after a 401. Only requests to Krebit's own origin (scheme, host,
 * port) get the token, so a client shared with other services never leaks it to them; only
 * idempotent methods are sent again unless told otherwise, so a POST that the server acted on
 * before refusing is not repeated.
 */
record Bearer(TokenSource tokens, URI origin, boolean retryAnyMethod) {
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

  Bearer {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(origin, "origin");
  }

  /** Whether {@code uri} is on Krebit's origin. */
  boolean appliesTo(URI uri) {
    return origin.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
        && origin.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        && port(origin) == port(uri);
  }

  /**
   * Whether a request with {@code method}, answered {@code status}, is sent again with a new token:
   * after a 401 only.
   */
  boolean sendsAgain(int status, String method) {
    return status == 401
        && (retryAnyMethod || IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT)));
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }
}
