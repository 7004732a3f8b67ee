package se.krebit.api;

import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.jackson.JacksonEncoder;
import org.slf4j.LoggerFactory;
import se.krebit.http.BoundedExchangeClient;
import se.krebit.http.HttpTransport;
import se.krebit.http.RedactingLogger;

/**
 * Builds the Feign proxies of one {@link KrebitClient}: all share its JDK HTTP client (TLS 1.3/1.2,
 * no redirects), bearer authentication, error decoding, bounded decoding, redacted wire log and
 * retries. Feign's own retryer is off; {@link ApiCalls} retries. Thread-safe.
 */
final class ApiTransport {
  static final String USER_AGENT = "krebit-api-java";

  private final ApiSettings settings;
  private final HttpTransport http;
  private final ApiCalls calls;
  private final DirectCalls direct;

  ApiTransport(ApiSettings settings) {
    this(settings, settings.http().transport().create(settings.http()));
  }

  private ApiTransport(ApiSettings settings, HttpTransport http) {
    this.settings = settings;
    this.http = http;
    this.calls = new ApiCalls(settings);
    this.direct = new DirectCalls(settings, calls, http, decoder(), errorDecoder());
  }

  /** The same connections and settings for another identity. */
  ApiTransport withSettings(ApiSettings other) {
    return new ApiTransport(other, http);
  }

  ApiSettings settings() {
    return settings;
  }

  /** The JSON {@code GET}s sent without Feign, on the same connections, retries and decoders. */
  DirectCalls direct() {
    return direct;
  }

  <T> T target(Class<T> api) {
    return Feign.builder()
        .client(bearerClient())
        .encoder(new JacksonEncoder(ApiJson.MAPPER))
        .decoder(decoder())
        .errorDecoder(errorDecoder())
        .requestInterceptor(DEFAULT_HEADERS)
        .logger(new RedactingLogger(LoggerFactory.getLogger(KrebitClient.class)))
        .logLevel(settings.http().logLevel())
        .retryer(Retryer.NEVER_RETRY)
        .options(new Request.Options(settings.connectTimeout(), settings.callTimeout(), false))
        .invocationHandlerFactory(calls)
        .target(api, settings.target());
  }

  /**
   * Document uploads, streamed around Feign through the same authentication, decoding and errors.
   */
  DocumentUploads uploads() {
    return new DocumentUploads(settings, bearerClient(), decoder(), errorDecoder());
  }

  private BearerClient bearerClient() {
    return new BearerClient(
        new BoundedExchangeClient(http), settings.tokenSource(), settings.target());
  }

  private BoundedDecoder decoder() {
    return new BoundedDecoder(ApiJson.MAPPER, settings.maxResponseBytes());
  }

  private ApiErrorDecoder errorDecoder() {
    return new ApiErrorDecoder(ApiJson.MAPPER, settings.maxResponseBytes(), settings.clock());
  }

  /** JSON unless the method says otherwise, and who is calling. */
  private static final RequestInterceptor DEFAULT_HEADERS =
      template -> {
        if (!template.headers().containsKey("Accept")) {
          template.header("Accept", "application/json");
        }
        if (!template.headers().containsKey("User-Agent")) {
          template.header("User-Agent", USER_AGENT);
        }
      };
}
