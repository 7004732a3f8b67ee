package se.krebit.http;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import se.krebit.http.internal.BoundedBuffer;

/**
 * Reads response bodies, never more than the configured cap, so a huge or endless body can neither
 * exhaust memory nor reach a parser. Thread-safe.
 */
public final class ResponseBodies {
  private final int maxBytes;

  /**
   * @param maxBytes the largest body read
   */
  public ResponseBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The body, when the content type allows JSON, it is not empty and its size is within the cap.
   *
   * @throws UnusableResponse if the body is missing, empty, too large or declared as something else
   * @throws IOException if the connection fails while reading
   */
  public byte[] readJson(Response response) throws IOException {
    if (!allowsJson(response)) {
      throw new UnusableResponse(
          "the content type is "
              + mediaType(response)
              + ", not JSON; is a proxy or login page answering instead of the Krebit server?");
    }
    byte[] bytes = read(response);
    if (bytes.length == 0) {
      throw new UnusableResponse("the body is empty");
    }
    return bytes;
  }

  /**
   * The body, whatever its content type, when its size is within the cap; empty when there is none.
   *
   * @throws UnusableResponse if the body is too large
   * @throws IOException if the connection fails while reading
   */
  public byte[] read(Response response) throws IOException {
    Response.Body body = response.body();
    if (body == null) {
      return new byte[0];
    }
    Integer declared = body.length();
    if (declared != null && declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = body.asInputStream()) {
      BoundedBuffer buffer = new BoundedBuffer(declared == null ? -1 : declared, maxBytes + 1);
      buffer.readFrom(in);
      if (buffer.isFull()) {
        throw tooLarge();
      }
      return buffer.toArray();
    }
  }

  /**
   * Whether {@code response}'s body may be JSON. A missing content type is tolerated (the parser
   * decides); a declared non-JSON type is not, since it is usually a proxy's or login page's HTML.
   */
  public static boolean allowsJson(Response response) {
    return declaredMediaType(response)
        .map(type -> type.equals("application/json") || type.endsWith("+json"))
        .orElse(true);
  }

  /**
   * The media type {@code response} declares, lower case and without parameters, safe to log;
   * "none" if it declares none.
   */
  public static String mediaType(Response response) {
    return declaredMediaType(response).orElse("none");
  }

  private static Optional<String> declaredMediaType(Response response) {
    return ResponseHeaders.first(response, ResponseHeaders.CONTENT_TYPE)
        .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
  }

  private UnusableResponse tooLarge() {
    return new UnusableResponse("the body is larger than the limit of " + maxBytes + " bytes");
  }
}
