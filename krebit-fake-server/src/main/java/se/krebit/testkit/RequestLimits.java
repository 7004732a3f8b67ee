package se.krebit.testkit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.testkit.internal.Json;

/**
 * Refuses, before WireMock reads them, the requests the fake must not take in: a body over the size
 * cap (413, never kept past the cap, whether it comes with a {@code Content-Length} or chunked), a
 * body in a content coding (415, since WireMock would inflate a gzip bomb in memory), and
 * percent-encoding that does not decode, in the query or in a form body (400 {@code
 * invalid_request}, where WireMock and Jetty would answer a 500 page naming the exception). The
 * answers are the fake's JSON errors, with a {@code request_id}, and go into the journal.
 * Thread-safe.
 */
final class RequestLimits implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(FakeKrebitServer.class);
  private static final String FORM = "application/x-www-form-urlencoded";

  /**
   * How much of a refused request's body is read and dropped after the answer, as Tomcat's {@code
   * maxSwallowSize}: a server that closes with part of the body unread resets the connection, and a
   * client still writing it then loses the answer. A body announced larger is not read at all.
   */
  static final long DISCARD_LIMIT = 2 * 1024 * 1024;

  /** Where a refusal is journaled. */
  @FunctionalInterface
  interface Refusals {
    void refused(Refusal refusal);
  }

  /**
   * One refused request.
   *
   * @param requestId the {@code request_id} answered
   * @param at when it arrived, on the fake's clock
   * @param method the HTTP method
   * @param path the path, without the query
   * @param contentType the media type of the body, if it named one
   * @param status 400, 413 or 415
   * @param description what was wrong, for the {@code error_description}
   */
  record Refusal(
      String requestId,
      Instant at,
      String method,
      String path,
      Optional<String> contentType,
      int status,
      String description) {
    static final String ERROR = "invalid_request";
  }

  private final long maxBodyBytes;
  private final Clock clock;
  private final Refusals refusals;

  RequestLimits(long maxBodyBytes, Clock clock, Refusals refusals) {
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.refusals = refusals;
  }

  /**
   * The same cap for Jetty's multipart parser, which reads the body itself rather than through this
   * filter's counting stream: on the whole body and on each part, written to disk as read.
   */
  MultipartConfigElement multipart() {
    return new MultipartConfigElement(
        System.getProperty("java.io.tmpdir"), maxBodyBytes, maxBodyBytes, 0);
  }

  @Override
  public void doFilter(
      ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    Instant at = clock.instant();
    String encoding = request.getHeader("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
      refuse(
          request,
          response,
          at,
          415,
          "Request bodies in a content coding (Content-Encoding) are not accepted");
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      refuse(request, response, at, 413, tooLarge());
      return;
    }
    if (!decodes(request.getQueryString(), false)) {
      refuse(request, response, at, 400, "The query is not properly URL-encoded");
      return;
    }
    HttpServletRequest forwarded = request;
    if (mediaType(request).filter(FORM::equals).isPresent()) {
      Optional<byte[]> body = readAtMost(request.getInputStream());
      if (body.isEmpty()) {
        refuse(request, response, at, 413, tooLarge());
        return;
      }
      if (!decodes(new String(body.get(), StandardCharsets.ISO_8859_1), true)) {
        refuse(request, response, at, 400, "The form body is not properly URL-encoded");
        return;
      }
      forwarded = new BufferedBody(request, body.get());
    } else if (request.getContentLengthLong() < 0) {
      forwarded = new CappedBody(request, maxBodyBytes); // chunked: count as WireMock reads
    }
    try {
      chain.doFilter(forwarded, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!isTooLarge(e) || response.isCommitted()) {
        throw e;
      }
      response.reset();
      refuse(request, response, at, 413, tooLarge());
    }
  }

  private String tooLarge() {
    return "The request body is larger than " + maxBodyBytes + " bytes";
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      Instant at,
      int status,
      String description)
      throws IOException {
    String requestId = RandomValues.requestId();
    String path = request.getRequestURI();
    Refusal refusal =
        new Refusal(
            requestId, at, request.getMethod(), path, mediaType(request), status, description);
    refusals.refused(refusal);
    LOG.info(
        "{} {} -> {} {}: {} request_id={}",
        TokenRoute.printable(request.getMethod()),
        TokenRoute.printable(path),
        status,
        Refusal.ERROR,
        description,
        requestId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", Refusal.ERROR);
    body.put(path.startsWith("/oauth/") ? "error_description" : "message", description);
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader("Content-Type", Responses.JSON);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader(Responses.REQUEST_ID, requestId);
    response.setHeader("Connection", "close"); // the rest of the body is dropped, never served
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
    dropUnread(request);
  }

  /** Reads what is left of a refused request's body, up to {@link #DISCARD_LIMIT}, and drops it. */
  private static void dropUnread(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > DISCARD_LIMIT) {
      return;
    }
    InputStream rest = request.getInputStream();
    byte[] dropped = new byte[8192];
    long left = DISCARD_LIMIT;
    try {
      int n;
      while (left > 0 && (n = rest.read(dropped, 0, (int) Math.min(dropped.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException e) {
      // The client stopped sending: the answer is out, there is nothing more to do
    }
  }

  private static Optional<String> mediaType(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      return Optional.empty();
    }
    int semicolon = contentType.indexOf(';');
    return Optional.of(
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code encoded} percent-decodes: every {@code %} starts two hex digits, and, with
   * {@code utf8}, the bytes decode as UTF-8 (Jetty insists on it for form bodies).
   */
  static boolean decodes(@org.jspecify.annotations.Nullable String encoded, boolean utf8) {
    if (encoded == null) {
      return true;
    }
    for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', i + 1)) {
      if (i + 2 >= encoded.length()
          || Character.digit(encoded.charAt(i + 1), 16) < 0
          || Character.digit(encoded.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    if (!utf8) {
      return true;
    }
    for (String part : encoded.split("[&=]")) {
      byte[] bytes =
          URLDecoder.decode(part, StandardCharsets.ISO_8859_1)
              .getBytes(StandardCharsets.ISO_8859_1);
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes));
      } catch (CharacterCodingException e) {
        return false;
      }
    }
    return true;
  }

  /** The whole body, or empty if it is over the cap; reads one byte past the cap at most. */
  private Optional<byte[]> readAtMost(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      if (out.size() > maxBodyBytes) {
        return Optional.empty();
      }
    }
    return Optional.of(out.toByteArray());
  }

  private static boolean isTooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLarge) {
        return true;
      }
      // Jetty's multipart parser enforces the same cap (see LimitedJettyServer) with its own
      // exception
      if (t instanceof IllegalStateException
          && t.getMessage() != null
          && t.getMessage().contains("exceeds max")) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by a capped body read past the cap. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("request body over the cap", null);
    }
  }

  /** A form body, read once here to check it, served again to WireMock. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      return new BodyStream(new ByteArrayInputStream(body), Long.MAX_VALUE);
    }
  }

  /** A body of unknown length, whose reader fails once it passes the cap. */
  private static final class CappedBody extends HttpServletRequestWrapper {
    private final long cap;

    CappedBody(HttpServletRequest request, long cap) {
      super(request);
      this.cap = cap;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      return new BodyStream(super.getInputStream(), cap);
    }
  }

  /**
   * A blocking servlet stream over {@code in} that throws {@link BodyTooLarge} after {@code cap}
   * bytes.
   */
  private static final class BodyStream extends ServletInputStream {
    private final InputStream in;
    private final long cap;
    private long read;
    private boolean finished;

    BodyStream(InputStream in, long cap) {
      this.in = in;
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        finished = true;
        return n;
      }
      read += n;
      if (read > cap) {
        throw new BodyTooLarge();
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException("the fake reads request bodies blocking");
    }
  }
}
