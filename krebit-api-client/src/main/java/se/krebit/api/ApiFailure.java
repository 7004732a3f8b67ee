package se.krebit.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import se.krebit.http.RedactingLogger;
import se.krebit.http.ResponseHeaders;

/**
 * What an error response said, gathered once for the exception that reports it.
 *
 * @param method the request's HTTP method
 * @param path the request's path, without query
 * @param status the HTTP status
 * @param requestId the {@code request_id} header, if present
 * @param serverMessage the {@code message} (or {@code error}) member of a JSON body, one line
 * @param bodyNote what kind of body came instead of a readable message, for example "a text/html
 *     body (not shown)"; never body content
 * @param retryAfter the {@code Retry-After} header, if present and valid
 * @param fieldErrors the field-level messages of a JSON body, by field, each made one line; empty
 *     when it had none
 */
record ApiFailure(
    String method,
    String path,
    int status,
    @Nullable String requestId,
    @Nullable String serverMessage,
    @Nullable String bodyNote,
    @Nullable Duration retryAfter,
    Map<String, List<String>> fieldErrors) {

  /** "GET /api/1.0/me answered HTTP 403: {hint}. Server said: …" */
  String describe(String hint) {
    StringBuilder text =
        new StringBuilder(method).append(' ').append(path).append(" answered HTTP ").append(status);
    if (retryAfter != null) {
      text.append(", asking to wait ").append(retryAfter.toSeconds()).append(" s");
    }
    text.append(": ").append(hint);
    if (serverMessage != null) {
      text.append(". Server said: ").append(serverMessage);
    } else if (bodyNote != null) {
      text.append(" (").append(bodyNote).append(')');
    }
    return text.toString();
  }

  /** The path of {@code url}, safe to print: no query, no control characters. */
  static String pathOf(String url) {
    try {
      String path = URI.create(url).getRawPath();
      return path == null || path.isEmpty() ? "/" : ResponseHeaders.printable(path);
    } catch (IllegalArgumentException e) {
      return RedactingLogger.withoutQuery(url);
    }
  }
}
