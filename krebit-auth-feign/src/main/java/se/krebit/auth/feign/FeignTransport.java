package se.krebit.auth.feign;

import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.Retryer;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.BoundedExchangeClient;
import se.krebit.http.RedactingLogger;
import se.krebit.http.TransportFailures;

/**
 * One attempt at a token endpoint URL over Feign: encode, send, read. Feign never retries here
 * (Resilience4j does, one level up) and never sees the response body (the reader does). The
 * configured URL and the tenant's alternative, if any, share one HTTP client.
 *
 * <p>Transport failures keep only the JDK's {@link IOException} as their cause: Feign's exceptions
 * hold the request, and with it the client secret. Thread-safe.
 */
final class FeignTransport {
  private final Map<URI, Route> routes = new LinkedHashMap<>();

  /** One token endpoint URL: its Feign target and the reader of its answers. */
  private record Route(TokenApi api, TokenResponseReader reader) {}

  FeignTransport(EndpointSettings settings) {
    BoundedExchangeClient http =
        new BoundedExchangeClient(settings.http().transport().create(settings.http()));
    AtomicBoolean expiresInAbsentReported =
        new AtomicBoolean(); // said once per endpoint, not per URL
    routes.put(
        settings.tokenEndpoint(),
        route(settings, http, settings.tokenEndpoint(), expiresInAbsentReported));
    if (settings.alternativeTokenEndpoint() != null) {
      URI alternative = settings.alternativeTokenEndpoint();
      routes.put(alternative, route(settings, http, alternative, expiresInAbsentReported));
    }
  }

  private static Route route(
      EndpointSettings settings,
      BoundedExchangeClient http,
      URI endpoint,
      AtomicBoolean expiresInAbsentReported) {
    TokenApi api =
        Feign.builder()
            .client(http)
            .encoder(
                TokenRequestEncoder.forFormat(
                    settings.requestFormat(), settings.clientAuthentication()))
            .logger(new RedactingLogger(LoggerFactory.getLogger(FeignTokenEndpoint.class)))
            .logLevel(settings.http().logLevel())
            .retryer(Retryer.NEVER_RETRY)
            .options(
                new Request.Options(
                    settings.http().connectTimeout(), settings.http().callTimeout(), false))
            .target(TokenApi.class, endpoint.toString());
    TokenResponseReader reader =
        new TokenResponseReader(
            endpoint,
            settings.http().maxResponseBytes(),
            settings.clock(),
            settings.expiresInWhenAbsent(),
            expiresInAbsentReported);
    return new Route(api, reader);
  }

  /**
   * One request to {@code endpoint}, the configured URL or the tenant's alternative.
   *
   * @throws EndpointNotFound if it answered 404
   */
  TokenResponse exchange(URI endpoint, TokenRequest request) {
    Route route = routes.get(endpoint);
    if (route == null) {
      throw new IllegalArgumentException("no route to " + endpoint);
    }
    try (Response response = send(route.api(), endpoint, request)) {
      return route.reader().read(response);
    }
  }

  private static Response send(TokenApi api, URI endpoint, TokenRequest request) {
    try {
      return api.exchange(request);
    } catch (FeignException e) {
      IOException io = e.getCause() instanceof IOException cause ? cause : null;
      if (io instanceof SSLHandshakeException || io instanceof SSLPeerUnverifiedException) {
        // The same certificate will fail the same way: retrying would only hammer the server.
        throw new KrebitConfigurationException(
            "TLS handshake with token endpoint "
                + endpoint
                + " failed: check the URL, the server's certificate"
                + " and host name, and that it speaks TLS 1.2 or 1.3 ("
                + TransportFailures.describe(io)
                + ")",
            io);
      }
      String what = io == null ? e.getClass().getSimpleName() : TransportFailures.describe(io);
      throw new TokenEndpointUnavailableException(
          "request to token endpoint " + endpoint + " failed: " + what, 0, null, null, io);
    }
  }
}
