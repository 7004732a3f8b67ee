package se.krebit.http;

import feign.Response;
import java.util.Collection;
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
    Collection<String> values = response.headers().get(name); // Feign's header map ignores case
    if (values == null || values.isEmpty()) {
      return null;
    }
    String value = values.iterator().next();
    return value == null || value.isBlank() ? null : printable(value.strip());
  }

  /** {@code text} as one printable line of at most 128 characters. */
  public static String printable(String text) {
    return PrintableText.line(text, MAX_LENGTH);
  }
}
