package se.krebit.http;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import se.krebit.http.internal.BoundedBuffer;

/**
 * Reads response bodies, never more than the configured cap, so a huge or endless body can neither
 * exhaust memory nor reach a parser. Thread-safe.
 */
public final class ResponseBodies {
  private static final String JSON = "application/json";
  private static final String PLUS_JSON = "+json";
  private static final String CHARSET_UTF_8 = "charset=utf-8";

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
    return ResponseHeaders.first(response, ResponseHeaders.CONTENT_TYPE)
        .map(ResponseBodies::allowsJson)
        .orElse(true);
  }

  /**
   * Whether a body declared as {@code contentType} may be JSON: {@code application/json} or a
   * {@code +json} type, any parameters ignored.
   */
  public static boolean allowsJson(String contentType) {
    // Checked in place, without the copies mediaType() makes: this runs on every API response.
    int end = contentType.indexOf(';');
    end = end < 0 ? contentType.length() : end;
    int start = 0;
    while (start < end && Character.isWhitespace(contentType.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    return (length == JSON.length() && asciiEqualsIgnoreCase(contentType, start, JSON))
        || (length >= PLUS_JSON.length()
            && asciiEqualsIgnoreCase(contentType, end - PLUS_JSON.length(), PLUS_JSON));
  }

  /**
   * Whether a body of {@code contentType} is JSON in UTF-8: {@link #allowsJson} and either no
   * parameter or exactly {@code charset=utf-8}, the cases Feign's response also reads as UTF-8.
   */
  public static boolean isUtf8Json(String contentType) {
    int semicolon = contentType.indexOf(';');
    if (semicolon < 0) {
      return allowsJson(contentType);
    }
    int start = semicolon + 1;
    int end = contentType.length();
    while (start < end && Character.isWhitespace(contentType.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
      end--;
    }
    return end - start == CHARSET_UTF_8.length()
        && asciiEqualsIgnoreCase(contentType, start, CHARSET_UTF_8)
        && allowsJson(contentType);
  }

  /**
   * Whether {@code text} holds {@code lowerCase} at {@code from}, ASCII letters in either case: as
   * {@code toLowerCase(Locale.ROOT).equals}, which maps no other character onto these.
   */
  private static boolean asciiEqualsIgnoreCase(String text, int from, String lowerCase) {
    for (int i = 0; i < lowerCase.length(); i++) {
      char c = text.charAt(from + i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The media type {@code response} declares, lower case and without parameters, safe to log;
   * "none" if it declares none.
   */
  public static String mediaType(Response response) {
    return ResponseHeaders.first(response, ResponseHeaders.CONTENT_TYPE)
        .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .orElse("none");
  }

  private UnusableResponse tooLarge() {
    return new UnusableResponse("the body is larger than the limit of " + maxBytes + " bytes");
  }
}
