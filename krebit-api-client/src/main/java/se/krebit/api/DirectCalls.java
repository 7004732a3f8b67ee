package se.krebit.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import feign.Logger.Level;
import feign.Request.HttpMethod;
import feign.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;
import se.krebit.http.BoundedExchangeClient;
import se.krebit.http.HttpTransport;
import se.krebit.http.RedactingLogger;
import se.krebit.http.ResponseBodies;
import se.krebit.http.ResponseHeaders;
import se.krebit.http.TransportFailures;

/**
 * The JSON {@code GET}s of {@link KrebitClient}, sent straight onto the {@link HttpTransport}
 * without Feign: a call costs what a careful hand-written one does. Headers are built once (only
 * the bearer value is added per request), URIs and Jackson readers are prepared per resource
 * ({@link JsonGet}), a whole UTF-8 JSON body within the cap is bound from its bytes, and log text
 * and MDC entries are made only when DEBUG is on.
 *
 * <p>Behaviour is Feign's path's, to the letter: the same headers, the same 401 answer (invalidate
 * that token, one more request with a new one), the same redacted lines, and every response that is
 * not a plain JSON success (an error status, an empty, cut, oversized or non-JSON body, a body that
 * doesn't bind) goes through the same {@link ApiErrorDecoder} and {@link BoundedDecoder}, so it
 * fails with exactly the same typed exception. Thread-safe.
 */
final class DirectCalls {
  private static final Logger LOG = LoggerFactory.getLogger(KrebitClient.class);
  private static final String GET = "GET";
  private static final int UNAUTHORIZED = 401;
  private static final String AUTHORIZATION = "Authorization";
  private static final List<String> ACCEPT_JSON = List.of("application/json");
  private static final List<String> USER_AGENT = List.of(ApiTransport.USER_AGENT);

  private final ApiCalls calls;
  private final HttpTransport http;
  private final TokenSource tokens;
  private final Duration callTimeout;
  private final int maxResponseBytes;
  private final boolean wireLog;
  private final BoundedDecoder decoder;
  private final ApiErrorDecoder errors;

  /**
   * The request headers for the token last sent: a client's calls share one token until it is
   * refreshed, so the bearer string and the header map are built once per token, not per call.
   * {@link AccessToken} is a record and cannot hold the string itself.
   */
  private volatile Headers lastHeaders = Headers.NONE;

  /**
   * The headers of a request carrying {@code token}; immutable, so safe to publish by a volatile.
   */
  private record Headers(@Nullable AccessToken token, Map<String, List<String>> map) {
    static final Headers NONE = new Headers(null, Map.of());

    @Override
    public String toString() { // the map holds the bearer value: never in a string
      return "Headers[" + token + "]";
    }
  }

  DirectCalls(
      ApiSettings settings,
      ApiCalls calls,
      HttpTransport http,
      BoundedDecoder decoder,
      ApiErrorDecoder errors) {
    this.calls = calls;
    this.http = http;
    this.tokens = settings.tokenSource();
    this.callTimeout = settings.callTimeout();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.wireLog = settings.http().logLevel() != Level.NONE;
    this.decoder = decoder;
    this.errors = errors;
  }

  /**
   * {@code GET {apiBase}{relativePath}} of a {@code type} body, prepared once.
   *
   * @param operation the call's name for listeners: the {@code Interface.method} Feign's path gave
   *     it, kept so traces and dashboards don't change with the path
   */
  <T> JsonGet<T> prepare(
      java.net.URI apiBase, String relativePath, Class<T> type, String operation) {
    return new JsonGet<>(this, apiBase.resolve(relativePath), type, operation);
  }

  /** Calls {@code get}, with every attempt {@link ApiCalls#execute} makes. */
  <T> T get(JsonGet<T> get) {
    try {
      return calls.execute(get.operation(), get);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) { // attempts throw nothing checked; kept for the compiler
      throw new IllegalStateException("a Krebit API call failed unexpectedly", e);
    }
  }

  /** One attempt: one request, or two after a 401. */
  <T> T attempt(JsonGet<T> get) {
    boolean debug = LOG.isDebugEnabled();
    long started = debug ? System.nanoTime() : 0;
    if (debug && wireLog) {
      RedactingLogger.requestLine(LOG, GET, get.url());
    }
    AccessToken token = tokens.token();
    HttpTransport.Response response = send(get, token, debug, started);
    if (response.status() == UNAUTHORIZED) {
      if (debug) {
        RequestIds.set(
            ResponseHeaders.first(response.headers(), ResponseHeaders.REQUEST_ID).orElse(null));
        LOG.debug(
            "{} {} refused token {} (HTTP 401); retrying once with a new token",
            GET,
            get.path(),
            token.fingerprint());
      }
      tokens.invalidate(token);
      response = send(get, tokens.token(), debug, started);
    }
    if (debug) {
      Optional<String> requestId =
          ResponseHeaders.first(response.headers(), ResponseHeaders.REQUEST_ID);
      RequestIds.set(requestId.orElse(null));
      if (wireLog) {
        RedactingLogger.responseLine(
            LOG, response.status(), GET, get.url(), elapsedMillis(started), requestId);
      }
    }
    return decode(get, response);
  }

  private Map<String, List<String>> headersFor(AccessToken token) {
    Headers last = lastHeaders;
    if (last.token() != token) { // identity: a new token object is a new bearer value to build
      last =
          new Headers(
              token,
              Map.of(
                  "Accept",
                  ACCEPT_JSON,
                  "User-Agent",
                  USER_AGENT,
                  AUTHORIZATION,
                  List.of(token.authorizationHeader())));
      lastHeaders = last;
    }
    return last.map();
  }

  private HttpTransport.Response send(
      JsonGet<?> get, AccessToken token, boolean debug, long started) {
    HttpTransport.Request request =
        new HttpTransport.Request(GET, get.uri(), headersFor(token), Optional.empty(), callTimeout);
    IOException failure;
    try {
      return http.send(request);
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = TransportFailures.safe(e);
    }
    if (debug && wireLog) {
      RedactingLogger.failureLine(LOG, elapsedMillis(started), failure);
    }
    throw ApiCalls.transportFailure(
        GET, get.path(), RedactingLogger.withoutQuery(get.url()), failure);
  }

  /**
   * A whole 2xx JSON body in UTF-8 within the cap, bound from its bytes; anything else through the
   * decoders Feign's path uses, for the same exceptions.
   */
  private <T> T decode(JsonGet<T> get, HttpTransport.Response response) {
    int status = response.status();
    byte[] body = response.body();
    if (status >= 200
        && status < 300
        && response.bodyFailure().isEmpty()
        && body.length > 0
        && body.length <= maxResponseBytes
        && isUtf8Json(response.headers())) {
      try {
        return get.reader().readValue(body);
      } catch (IOException | RuntimeException e) {
        // not the JSON expected: the decoder below parses it again and says why, as it always has
      }
    }
    Response feignResponse =
        BoundedExchangeClient.toFeignResponse(
            feign.Request.create(HttpMethod.GET, get.url(), Map.of(), null, UTF_8, null), response);
    if (status >= 200 && status < 300) {
      return get.type().cast(decoder.decode(feignResponse, get.type()));
    }
    throw errors.error(feignResponse);
  }

  private static boolean isUtf8Json(Map<String, List<String>> headers) {
    Collection<String> contentTypes = ResponseHeaders.values(headers, ResponseHeaders.CONTENT_TYPE);
    return contentTypes.isEmpty()
        || (contentTypes.size() == 1 && ResponseBodies.isUtf8Json(contentTypes.iterator().next()));
  }

  private static long elapsedMillis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
