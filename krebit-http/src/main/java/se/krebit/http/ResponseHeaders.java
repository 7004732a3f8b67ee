package se.krebit.http;

import feign.Response;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.internal.PrintableText;

/**
 * Reads response headers for logs and errors, cut to one short printable line so a hostile server
 * cannot forge log lines or flood messages with them.
 */
public final class ResponseHeaders {
  public static final String REQUEST_ID = "request_id";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String RETRY_AFTER = "Retry-After";
  private static final int MAX_LENGTH = 128;

  private ResponseHeaders() {}

  /** The {@code request_id} header, made safe to log; null if absent or empty. */
  public static @Nullable String requestId(Response response) {
    return first(response, REQUEST_ID);
  }

  /** The first value of {@code name}, made safe to log; null if absent or empty. */
  public static @Nullable String first(Response response, String name) {
    return first(response.headers(), name);
  }

  /**
   * The first value of {@code name} in {@code headers} (any case), made safe to log; null if absent
   * or empty.
   */
  public static @Nullable String first(
      Map<String, ? extends Collection<String>> headers, String name) {
    @Nullable String value = raw(headers, name);
    return value == null || value.isBlank() ? null : printable(value.strip());
  }

  /**
   * The first value of {@code name} in {@code headers}, looked up in any case, as received: for
   * checks, never for printing. Null if absent.
   */
  public static @Nullable String raw(
      Map<String, ? extends Collection<String>> headers, String name) {
    @Nullable Collection<String> values = values(headers, name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  /** Every value of {@code name} in {@code headers}, looked up in any case; null if absent. */
  public static @Nullable Collection<String> values(
      Map<String, ? extends Collection<String>> headers, String name) {
    @Nullable Collection<String> values = headers.get(name); // Feign's and the JDK's ignore case
    if (values != null) {
      return values;
    }
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /** {@code text} as one printable line of at most 128 characters. */
  public static String printable(String text) {
    return PrintableText.line(text, MAX_LENGTH);
  }
}
