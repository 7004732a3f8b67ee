package se.krebit.auth.feign;

import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.Retryer;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import se.krebit.auth.KrebitConfigurationException;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.feign.internal.BoundedExchangeClient;
import se.krebit.auth.feign.internal.RedactingLogger;
import se.krebit.auth.feign.internal.TlsHttpClients;
import se.krebit.auth.feign.internal.TransportFailures;
import se.krebit.auth.spi.TokenResponse;

/**
 * One attempt at the token endpoint over Feign: encode, send, read. Feign never retries here
 * (Resilience4j does, one level up) and never sees the response body (the reader does).
 *
 * <p>Transport failures keep only the JDK's {@link IOException} as their cause: Feign's exceptions
 * hold the request, and with it the client secret. Thread-safe.
 */
final class FeignTransport {
  private final URI endpoint;
  private final TokenApi api;
  private final TokenResponseReader reader;

  FeignTransport(EndpointSettings settings) {
    this.endpoint = settings.tokenEndpoint();
    BoundedExchangeClient http =
        new BoundedExchangeClient(
            TlsHttpClients.create(settings.sslContext(), settings.connectTimeout()),
            settings.maxResponseBytes());
    this.api =
        Feign.builder()
            .client(http)
            .encoder(TokenRequestEncoder.forFormat(settings.requestFormat()))
            .logger(new RedactingLogger(LoggerFactory.getLogger(FeignTokenEndpoint.class)))
            .logLevel(settings.logLevel())
            .retryer(Retryer.NEVER_RETRY)
            .options(new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
            .target(TokenApi.class, endpoint.toString());
    this.reader = new TokenResponseReader(endpoint, settings.maxResponseBytes(), settings.clock());
  }

  TokenResponse exchange(TokenRequest request) {
    try (Response response = send(request)) {
      return reader.read(response);
    }
  }

  private Response send(TokenRequest request) {
    try {
      return api.exchange(request);
    } catch (FeignException e) {
      IOException io = e.getCause() instanceof IOException cause ? cause : null;
      if (io instanceof SSLHandshakeException || io instanceof SSLPeerUnverifiedException) {
        // The same certificate will fail the same way: retrying would only hammer the server.
        throw new KrebitConfigurationException(
            "TLS handshake with token endpoint " + endpoint + " failed: check the URL, the server's certificate"
                + " and host name, and that it speaks TLS 1.2 or 1.3 (" + TransportFailures.describe(io) + ")",
            io);
      }
      String what = io == null ? e.getClass().getSimpleName() : TransportFailures.describe(io);
      throw new TokenEndpointUnavailableException(
          "request to token endpoint " + endpoint + " failed: " + what, 0, null, null, io);
    }
  }
}
