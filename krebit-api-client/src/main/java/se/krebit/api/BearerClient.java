package se.krebit.api;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.AccessToken;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenSource;
import se.krebit.http.BoundedExchangeClient;
import se.krebit.http.RedactingLogger;

/**
 * Authenticates each request with a bearer token from the {@link TokenSource} and, like OkHttp's
 * {@code Authenticator}, answers a 401 once: it invalidates exactly the token that was refused,
 * takes a new one and sends the request again. A second 401 goes back to Feign, whose error decoder
 * makes it a {@link KrebitUnauthorizedException}. Every response's {@code request_id} goes into the
 * MDC as it arrives.
 *
 * <p>The token is added here, below Feign's logger, so no logger ever sees it, and only to URLs
 * under the API base: a Feign method given a {@code URI} parameter of another host gets an error,
 * not the token. Thread-safe.
 */
final class BearerClient implements Client {
  private static final Logger LOG = LoggerFactory.getLogger(KrebitClient.class);
  private static final int UNAUTHORIZED = 401;
  private static final String AUTHORIZATION = "Authorization";

  private final BoundedExchangeClient delegate;
  private final TokenSource tokens;
  private final String apiBase;
  private final String pathPrefix;
  private final String queryPrefix;

  /**
   * @param apiBase the API root without its trailing slash, for example {@code
   *     https://acme.krebit.se/api/1.0}
   */
  BearerClient(BoundedExchangeClient delegate, TokenSource tokens, String apiBase) {
    this.delegate = delegate;
    this.tokens = tokens;
    this.apiBase = apiBase;
    this.pathPrefix = apiBase + "/";
    this.queryPrefix = apiBase + "?";
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    return execute(request, authenticated -> delegate.execute(authenticated, options));
  }

  /**
   * The same, the body streamed from {@code body} instead of the request's bytes; sent again after
   * a 401, {@code body} is subscribed to again.
   */
  Response execute(Request request, Request.Options options, HttpRequest.BodyPublisher body)
      throws IOException {
    return execute(request, authenticated -> delegate.execute(authenticated, options, body));
  }

  private Response execute(Request request, Exchange exchange) throws IOException {
    requireUnderApiBase(request.url());
    AccessToken token = tokens.token();
    Response response = send(request, token, exchange);
    if (response.status() != UNAUTHORIZED) {
      return response;
    }
    response.close();
    LOG.debug(
        "{} {} refused token {} (HTTP 401); retrying once with a new token",
        request.httpMethod(),
        ApiFailure.pathOf(request.url()),
        token.fingerprint());
    tokens.invalidate(token);
    return send(request, tokens.token(), exchange);
  }

  private static Response send(Request request, AccessToken token, Exchange exchange)
      throws IOException {
    Response response = exchange.send(withBearer(request, token));
    if (LOG.isDebugEnabled()) { // the only time the MDC can show: see ApiCalls.execute
      RequestIds.seen(response);
    }
    return response;
  }

  /** One request on the wire. */
  @FunctionalInterface
  private interface Exchange {
    Response send(Request authenticated) throws IOException;
  }

  private static Request withBearer(Request request, AccessToken token) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(AUTHORIZATION)) {
                headers.put(name, values);
              }
            });
    headers.put(AUTHORIZATION, List.of(token.authorizationHeader()));
    return Request.create(
        request.httpMethod(),
        request.url(),
        headers,
        request.body(),
        request.charset(),
        request.requestTemplate());
  }

  private void requireUnderApiBase(String url) {
    if (!(url.equals(apiBase) || url.startsWith(pathPrefix) || url.startsWith(queryPrefix))) {
      throw new KrebitConfigurationException(
          "refusing to send the Krebit access token to "
              + RedactingLogger.withoutQuery(url)
              + ": only URLs under "
              + apiBase
              + "/ get it. Feign methods of KrebitClient.api(...) take paths relative to /api/1.0,"
              + " like @RequestLine(\"GET /documents/{id}\"), and no URI parameter");
    }
  }
}
