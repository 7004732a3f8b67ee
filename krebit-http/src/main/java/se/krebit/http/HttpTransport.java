package se.krebit.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one thing Krebit needs from an HTTP client: send one request and receive one whole, bounded
 * response within a deadline. The token endpoint and the API client both send through it; the JDK
 * {@code HttpClient} implements it by default, and {@link HttpConfig.Builder#transport} selects
 * another.
 *
 * <p>The contract every implementation keeps, whatever library it wraps:
 *
 * <ul>
 *   <li><b>TLS</b>: only TLS 1.3 and 1.2, host names verified, with {@link HttpConfig#sslContext()}
 *       or the JVM's context; plain {@code http} is only ever asked for loopback hosts (the callers
 *       check that before a request exists).
 *   <li><b>No redirects</b> are followed: a request carrying a secret or token must never be
 *       replayed to another host. A 3xx is returned as it is.
 *   <li><b>Deadline</b>: {@link Request#callTimeout()} bounds the whole exchange, from sending to
 *       the body's last byte; {@link HttpConfig#connectTimeout()} bounds connecting. No thread is
 *       started per call.
 *   <li><b>Size cap</b>: at most {@link HttpConfig#maxResponseBytes()} {@code + 1} body bytes are
 *       read; a longer body is cut off there, its connection closed, and returned as what was read
 *       with a {@link Response#bodyFailure()}.
 *   <li><b>Failures are typed and carry no response bytes</b>: before the status line and headers
 *       are in, {@link #send} throws an {@link IOException} whose message quotes nothing the server
 *       sent (a {@link java.net.http.HttpTimeoutException} for the deadline, the library's connect
 *       or TLS exception without its cause, or a generic one naming only the kind of failure). Once
 *       they are in, the response is returned, and whatever went wrong with the body (deadline,
 *       broken connection, the cap) is its {@link Response#bodyFailure()}, the bytes read before it
 *       in {@link Response#body()}. A connection that delivered an unusable response is closed,
 *       never returned to a pool; no descriptor outlives the exchange's failure.
 *   <li><b>Proxy and authentication</b>: {@link HttpConfig#proxy()} and {@link
 *       HttpConfig#authenticator()}, when set, are used for every connection; without an
 *       authenticator no challenge is answered.
 *   <li><b>Nothing is logged</b> here: the callers log one redacted line per exchange.
 * </ul>
 *
 * <p>Implementations are thread-safe and shared by every call of the clients built from one {@link
 * HttpConfig}.
 */
public interface HttpTransport {

  /**
   * Sends {@code request} and receives its whole response, bounded as the class describes.
   *
   * @throws IOException if no status line and headers were received; its message quotes nothing the
   *     server sent
   */
  Response send(Request request) throws IOException;

  /** Creates the transport for one configuration. */
  @FunctionalInterface
  interface Factory {
    /**
     * A transport that keeps {@code config}'s TLS context, connect timeout, response cap, proxy and
     * authenticator.
     *
     * @throws se.krebit.auth.KrebitConfigurationException if the configuration can't be honoured
     *     (for example a TLS context without TLS 1.3 or 1.2)
     */
    HttpTransport create(HttpConfig config);
  }

  /**
   * One request.
   *
   * @param method the HTTP method, upper case
   * @param uri an absolute {@code https} URI, or {@code http} to a loopback host
   * @param headers header names to values, in order; the transport ignores {@code Host}, {@code
   *     Content-Length}, {@code Connection}, {@code Expect} and {@code Upgrade}, which it sets
   *     itself. Kept as given when it is already immutable ({@code Map.of}, {@code List.of}), else
   *     copied, so a transport may reuse what it made of the same map
   * @param body the body to send, if any
   * @param callTimeout the deadline of the whole exchange
   */
  record Request(
      String method,
      URI uri,
      Map<String, List<String>> headers,
      Optional<byte[]> body,
      Duration callTimeout) {
    public Request {
      requireNonNull(method, "method");
      requireNonNull(uri, "uri");
      // Transports remember what they built of a header map by identity (a client sends one map
      // per token call after call), which is only sound if no caller can change the map afterwards.
      headers = FrozenHeaders.of(requireNonNull(headers, "headers"));
      requireNonNull(body, "body");
      requireNonNull(callTimeout, "callTimeout");
    }

    /** Header names only, the URI without its query: values may be a token or client secret. */
    @Override
    public String toString() {
      return "Request["
          + method
          + " "
          + RedactingLogger.withoutQuery(uri.toString())
          + ", headers "
          + headers.keySet()
          + ", body "
          + body.map(bytes -> bytes.length + " bytes").orElse("none")
          + ", callTimeout "
          + callTimeout
          + "]";
    }
  }

  /**
   * One response, status line and headers whole.
   *
   * @param status the status code
   * @param headers header names (as received) to values
   * @param body the body received: whole when {@code bodyFailure} is empty, else the bytes read
   *     before it (at most the cap plus one)
   * @param bodyFailure why the body is incomplete, if it is; its message quotes nothing the server
   *     sent
   */
  record Response(
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      Optional<IOException> bodyFailure) {
    public Response {
      requireNonNull(headers, "headers");
      requireNonNull(body, "body");
      requireNonNull(bodyFailure, "bodyFailure");
    }

    /** Header names and the body's size only: a token response's body and headers are secret. */
    @Override
    public String toString() {
      return "Response["
          + status
          + ", headers "
          + headers.keySet()
          + ", body "
          + body.length
          + " bytes"
          + bodyFailure
              .map(failure -> ", body failed: " + failure.getClass().getSimpleName())
              .orElse("")
          + "]";
    }
  }
}
