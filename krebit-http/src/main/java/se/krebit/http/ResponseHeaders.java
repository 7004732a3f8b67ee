package se.krebit.http;

import static java.util.Objects.requireNonNull;

import feign.Response;
import java.util.Collection;
import java.util.Optional;
import se.krebit.auth.internal.PrintableText;

/**
 * Reads response headers for logs and errors, cut to one short printable line so a hostile server
 * cannot forge log lines or flood messages with them.
 */
public final class ResponseHeaders {
  /** Krebit's request id header, quoted in support requests. */
  public static final String REQUEST_ID = "request_id";

  /** The body's media type. */
  public static final String CONTENT_TYPE = "Content-Type";

  /** How long a server asks to wait before the next request. */
  public static final String RETRY_AFTER = "Retry-After";

  private static final int MAX_LENGTH = 128;

  private ResponseHeaders() {}

  /** The {@code request_id} header, made safe to log; empty if absent or blank. */
  public static Optional<String> requestId(Response response) {
    return first(response, REQUEST_ID);
  }

  /** The first value of {@code name}, made safe to log; empty if absent or blank. */
  public static Optional<String> first(Response response, String name) {
    requireNonNull(name, "name");
    // Feign's header map ignores case; its values may be null
    Collection<String> values = requireNonNull(response, "response").headers().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    String value = values.iterator().next();
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(printable(value.strip()));
  }

  /** {@code text} as one printable line of at most 128 characters. */
  public static String printable(String text) {
    return PrintableText.line(text, MAX_LENGTH);
  }
}
