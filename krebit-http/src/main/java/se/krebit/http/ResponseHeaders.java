package se.krebit.http;

import static java.util.Objects.requireNonNull;

import feign.Response;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
    return first(requireNonNull(response, "response").headers(), name);
  }

  /**
   * The first value of {@code name} in {@code headers} (any case), made safe to log; empty if
   * absent or blank.
   */
  public static Optional<String> first(
      Map<String, ? extends Collection<String>> headers, String name) {
    Collection<String> values = values(headers, name);
    // Feign's header maps may hold null values
    @Nullable String value = values.isEmpty() ? null : values.iterator().next();
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(printable(value.strip()));
  }

  /**
   * Every value of {@code name} in {@code headers}, looked up in any case, as received: for checks,
   * never for printing. Empty if absent.
   */
  public static Collection<String> values(
      Map<String, ? extends Collection<String>> headers, String name) {
    requireNonNull(name, "name");
    // Feign's and the JDK's maps ignore case, so this lookup is the one that finds it
    @Nullable Collection<String> values = requireNonNull(headers, "headers").get(name);
    if (values != null) {
      return values;
    }
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue() == null ? List.of() : header.getValue();
      }
    }
    return List.of();
  }

  /** {@code text} as one printable line of at most 128 characters. */
  public static String printable(String text) {
    return PrintableText.line(text, MAX_LENGTH);
  }
}
