package se.krebit.auth.feign.internal;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads response bodies, never more than the configured cap, so a huge or endless body can neither
 * exhaust memory nor reach a parser. Thread-safe.
 */
public final class ResponseBodies {
  /**
   * The first buffer for a body of unknown length (chunked), and the least a buffer grows to: API
   * answers are mostly small; a larger body doubles the buffer as it arrives.
   */
  private static final int UNKNOWN_LENGTH_BUFFER = 1024;
  /** The largest buffer allocated before any byte of the body has arrived. */
  private static final int MAX_FIRST_BUFFER = 64 * 1024;

  private final int maxBytes;

  /** @param maxBytes the largest body read */
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
    @Nullable String contentType = ResponseHeaders.first(response, ResponseHeaders.CONTENT_TYPE);
    if (!allowsJson(contentType)) {
      throw new UnusableResponse(
          "the content type is "
              + mediaType(contentType)
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
      int expected = declared == null || declared < 0 ? UNKNOWN_LENGTH_BUFFER : declared;
      byte[] bytes = readAtMost(in, expected, maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge();
      }
      return bytes;
    }
  }

  /**
   * The stream's bytes up to its end or {@code limit} bytes, whichever comes first, read into a
   * buffer sized for the {@code expected} length (the declared Content-Length) that grows only if the
   * body turns out longer (or, for a body of unknown length, doubles as it arrives). {@code
   * InputStream.readNBytes(limit)} would allocate 8 KiB, and copy, for every body however small.
   */
  private static byte[] readAtMost(InputStream in, int expected, int limit) throws IOException {
    // One byte more than expected, so that the end of the stream is seen without growing; a declared
    // length is the server's word, so what is allocated before the bytes arrive stays bounded.
    byte[] buffer = new byte[(int) Math.min(Math.min((long) expected + 1, limit), MAX_FIRST_BUFFER)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length == limit) {
          break;
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(2L * length, UNKNOWN_LENGTH_BUFFER), limit));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /**
   * Whether a body of {@code contentType} may be JSON. A missing content type is tolerated (the
   * parser decides); a declared non-JSON type is not, since it is usually a proxy's or login page's
   * HTML.
   */
  public static boolean allowsJson(@Nullable String contentType) {
    if (contentType == null) {
      return true;
    }
    String mediaType = mediaType(contentType);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** The media type of a content type, lower case and without parameters; "none" if absent. */
  public static String mediaType(@Nullable String contentType) {
    return contentType == null
        ? "none"
        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private UnusableResponse tooLarge() {
    return new UnusableResponse("the body is larger than the limit of " + maxBytes + " bytes");
  }
}
