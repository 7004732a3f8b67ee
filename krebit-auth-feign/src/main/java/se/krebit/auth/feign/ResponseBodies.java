package se.krebit.auth.feign;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body that claims to be JSON, never more than the configured cap, so a huge or
 * endless body can neither exhaust memory nor reach the parser. Thread-safe.
 */
final class ResponseBodies {
  private final int maxBytes;

  ResponseBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The body, when the content type allows JSON and the size is within the cap.
   *
   * @throws UnusableResponse if the body is missing, too large or declared as something else
   * @throws IOException if the connection fails while reading
   */
  byte[] readJson(Response response) throws IOException {
    requireJsonContentType(ResponseHeaders.first(response, ResponseHeaders.CONTENT_TYPE));
    Response.Body body = response.body();
    if (body == null) {
      throw new UnusableResponse("the body is empty");
    }
    Integer declared = body.length();
    if (declared != null && declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = body.asInputStream()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge();
      }
      if (bytes.length == 0) {
        throw new UnusableResponse("the body is empty");
      }
      return bytes;
    }
  }

  /**
   * A missing content type is tolerated (the parser decides); a declared non-JSON type is not,
   * since it is usually a proxy's or login page's HTML.
   */
  private static void requireJsonContentType(@Nullable String contentType) {
    if (contentType == null) {
      return;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw new UnusableResponse(
          "the content type is "
              + mediaType
              + ", not JSON; is a proxy or login page answering"
              + " instead of the token endpoint?");
    }
  }

  private UnusableResponse tooLarge() {
    return new UnusableResponse("the body is larger than the limit of " + maxBytes + " bytes");
  }
}
