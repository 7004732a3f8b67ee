package se.krebit.http;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.krebit.http.internal.JdkHttpTransport;

/**
 * The Feign {@link Client} over an {@link HttpTransport}: one request, one whole, bounded response
 * within the deadline, as the transport promises. Failures before the headers are the transport's
 * safe {@link IOException}s; once the headers are in, the response is returned with its status, and
 * whatever went wrong with the body fails its reader, as a streamed body would, after the bytes
 * read so far: no reader mistakes a cut or broken body for a whole one.
 *
 * <p>Per-request {@link Request.Options} give the exchange's deadline (their read timeout); the
 * connect timeout is the transport's. Redirects are never followed. Thread-safe.
 */
public final class BoundedExchangeClient implements Client {
  private final HttpTransport transport;

  /** A client over {@code transport}. */
  public BoundedExchangeClient(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException only ever an {@code IOException} whose message can't carry response bytes
   *     (see {@link TransportFailures#safe}), whatever the transport's library threw
   */
  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    HttpTransport.Request outgoing =
        toTransportRequest(request, options, Optional.ofNullable(request.body()));
    HttpTransport.Response response;
    try {
      response = transport.send(outgoing);
    } catch (RuntimeException e) {
      throw TransportFailures.safe(e);
    }
    return toFeignResponse(request, response);
  }

  /**
   * {@link #execute(Request, Request.Options)} with the body taken from {@code body} instead of the
   * request: for bodies streamed as they are sent, such as a file upload. Only the JDK transport
   * streams such a body today.
   *
   * @throws IOException as {@link #execute(Request, Request.Options)}, or if the transport can't
   *     stream a JDK body publisher
   */
  public Response execute(Request request, Request.Options options, HttpRequest.BodyPublisher body)
      throws IOException {
    if (!(transport instanceof JdkHttpTransport jdk)) {
      throw new IOException("streamed uploads need the JDK transport");
    }
    return toFeignResponse(
        request, jdk.send(toTransportRequest(request, options, Optional.empty()), body));
  }

  private static HttpTransport.Request toTransportRequest(
      Request request, Request.Options options, Optional<byte[]> body) throws IOException {
    URI uri;
    try {
      uri = new URI(request.url());
    } catch (URISyntaxException e) {
      // Feign makes an IOException a transport failure; the URL's query may hold a secret
      throw new IOException(
          "invalid URL " + RedactingLogger.withoutQuery(request.url()) + ": " + e.getReason());
    }
    Map<String, List<String>> headers = FrozenHeaders.copyOf(request.headers());
    Duration callTimeout =
        Duration.ofNanos(options.readTimeoutUnit().toNanos(options.readTimeout()));
    return new HttpTransport.Request(request.httpMethod().name(), uri, headers, body, callTimeout);
  }

  /**
   * {@code response} as Feign's response to {@code request}: a failed body fails its reader after
   * the bytes received, as {@link #execute(Request, Request.Options)} returns it.
   */
  public static Response toFeignResponse(Request request, HttpTransport.Response response) {
    // Feign copies them into a case-insensitive map of its own
    Map<String, Collection<String>> headers =
        Collections.<String, Collection<String>>unmodifiableMap(response.headers());
    Response.Builder builder =
        Response.builder()
            .status(response.status())
            .request(request)
            .headers(headers)
            .protocolVersion(Request.ProtocolVersion.HTTP_1_1);
    return response.bodyFailure().isEmpty()
        ? builder.body(response.body()).build()
        : builder
            .body(new FailingBody(response.body(), response.bodyFailure().get()), null)
            .build();
  }

  /**
   * The bytes received of a body that failed, then its failure: a reader that wants more learns the
   * body was cut off or broken instead of seeing it end.
   */
  private static final class FailingBody extends InputStream {
    private final byte[] bytes;
    private final IOException failure;
    private int position;

    FailingBody(byte[] bytes, IOException failure) {
      this.bytes = bytes;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      if (position == bytes.length) {
        throw failure;
      }
      return bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, into.length);
      if (length == 0) {
        return 0;
      }
      if (position == bytes.length) {
        throw failure;
      }
      int count = Math.min(length, bytes.length - position);
      System.arraycopy(bytes, position, into, offset, count);
      position += count;
      return count;
    }

    @Override
    public int available() {
      return bytes.length - position;
    }
  }
}
