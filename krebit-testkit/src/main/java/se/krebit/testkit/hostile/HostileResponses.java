package se.krebit.testkit.hostile;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Minimized hostile HTTP responses that a coverage-guided fuzzer found to break HTTP clients and
 * their callers (issue 15): raw HTTP/1.1 bytes, exactly as a server writes them to the socket, with
 * {@link #PLANTED_TOKENS} as the tokens a test must never find in a message, a cause, a {@code
 * toString()} or a log line.
 *
 * <p>The files ship in this jar exactly as saved; the build checks them against the project's
 * shared copy. Serve them with {@link RawResponseServer}. Stateless and thread-safe.
 */
public final class HostileResponses {
  /**
   * The file names of every saved response, as in the project's {@code shared/hostile-responses}.
   */
  public static final Set<String> NAMES =
      Set.of(
          "fd-leak-bad-status-line.http",
          "fd-leak-blank-lines.http",
          "token-in-message-1xx.http",
          "untyped-api-401-bad-length.http",
          "untyped-content-length-garbage.http",
          "untyped-content-length-list.http",
          "untyped-scope-whitespace-token.http");

  /** The access tokens planted in the responses' bodies. */
  public static final Set<String> PLANTED_TOKENS = Set.of("PLANTED-TOKEN-0", "PLANTED-TOKEN-1");

  private HostileResponses() {}

  /** The bytes of the response {@code name}, one of {@link #NAMES}. */
  public static byte[] bytes(String name) {
    requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no saved hostile response named " + name);
    }
    try (InputStream in = HostileResponses.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the saved response " + name + " is missing from the test kit jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
