package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.SecureUri;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.http.HttpConfig;

/**
 * The Krebit Sign REST API under {@code /api/1.0}, called with a bearer token from a {@link
 * TokenSource}: {@link #me()}, the documented signing operations with {@link #signings()}, and any
 * endpoint through your own Feign interface with {@link #api(Class)}.
 *
 * <p>Every call behaves the same way:
 *
 * <ul>
 *   <li>the token comes from the {@link TokenSource} on every call and is sent only to URLs under
 *       the API root;
 *   <li>a 401 invalidates exactly that token, a new one is taken and the request is sent once more;
 *       a second 401 is a {@link KrebitUnauthorizedException};
 *   <li>errors are typed ({@link KrebitValidationException} for 400 with Krebit's field messages,
 *       {@link KrebitForbiddenException} for 403, and so on: see {@link KrebitApiException}) and
 *       carry the status, the {@code request_id} and the server's message; a failed TLS handshake
 *       (untrusted certificate, another host's certificate, a server without TLS 1.2 or 1.3) is a
 *       {@link KrebitConfigurationException}, never retried;
 *   <li>429, 5xx and connection failures are retried with exponential backoff and jitter, honouring
 *       {@code Retry-After}, but only for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS): a
 *       POST or PATCH is sent once;
 *   <li>while a response is logged (at DEBUG) and in the warning before a retry, the SLF4J MDC
 *       holds its {@code request_id} under {@value #MDC_REQUEST_ID}; the MDC is as before once the
 *       call returns (a call that succeeds at once with DEBUG off does not touch it);
 *   <li>logs never contain a header, a token or a body, at any level ({@code FULL} included);
 *       bodies are read up to a size cap; only {@code https} is used (plain {@code http} to
 *       loopback hosts only), over TLS 1.3 or 1.2, and redirects are not followed.
 * </ul>
 *
 * <p>Immutable and thread-safe; build one per tenant and identity and share it. HTTP defaults are
 * {@link HttpConfig}'s, the same as the token endpoint's.
 *
 * <pre>{@code
 * KrebitClient krebit = KrebitClient.builder()
 *     .tenant(Tenant.organization("acme"))
 *     .tokenSource(tokens)                      // e.g. a ClientCredentialsTokenSource
 *     .build();
 * Me me = krebit.me();
 * }</pre>
 */
public final class KrebitClient {
  /** The MDC key that holds the {@code request_id} of the response being logged. */
  public static final String MDC_REQUEST_ID = "krebit.request_id";

  private final ApiTransport transport;
  private final DirectCalls direct;
  private final JsonGet<MeResponse> me;
  private final Signings signings;
  private final ConcurrentMap<Class<?>, Object> apis = new ConcurrentHashMap<>();

  private KrebitClient(ApiTransport transport) {
    this.transport = transport;
    this.direct = transport.direct();
    this.me = direct.prepare(transport.settings().apiBase(), "me", MeResponse.class, "MeApi.me");
    this.signings =
        new Signings(
            transport.target(SigningsApi.class),
            transport.uploads(),
            direct,
            transport.settings().apiBase());
  }

  /**
   * A builder; {@link Builder#tenant} (or {@link Builder#baseUri}) and {@link Builder#tokenSource}
   * are required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's configuration, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(transport.settings());
  }

  /**
   * {@code GET /api/1.0/me}: the identity the token acts as, in the users guide's shape ({@code
   * data}-wrapped or bare).
   *
   * @throws KrebitApiException if the call fails; see the class documentation
   * @throws KrebitConfigurationException if the TLS handshake fails
   * @throws se.krebit.auth.KrebitException if the token source can't provide a token
   */
  public Me me() {
    return direct.get(me).me();
  }

  /**
   * The signing operations Krebit's pages show: create a draft, upload a PDF, list, get one; see
   * {@link Signings}.
   */
  public Signings signings() {
    return signings;
  }

  /**
   * Your own Feign interface for endpoints this client does not wrap yet, with this client's
   * authentication, error mapping, retries, logging, TLS and size cap.
   *
   * <p>Annotate methods with Feign's {@code @RequestLine} and give <b>paths relative to {@code
   * /api/1.0}</b>: {@code "GET /documents/{id}"} calls {@code {tenant}/api/1.0/documents/{id}}. A
   * {@code URI} parameter pointing anywhere else is refused before anything is sent. Bodies are
   * JSON (Jackson; unknown members ignored; {@code Optional} and {@code java.time} supported); a
   * method may also return {@code String}, {@code byte[]} or {@code void}. Failures are {@link
   * KrebitApiException}s (a failed TLS handshake: {@link KrebitConfigurationException}). A method
   * returning Feign's {@code Response} gets the raw response instead: no error mapping, no retries,
   * no size cap, and closing it is up to you. Default methods run as written; each call they make
   * is one API call.
   *
   * <pre>{@code
   * interface Documents {
   *   @RequestLine("GET /documents/{id}")
   *   Document get(@Param("id") String id);
   *
   *   @RequestLine("POST /documents")
   *   @Headers("Content-Type: application/json")
   *   Document create(NewDocument document);          // never retried: POST
   * }
   * Documents documents = krebit.api(Documents.class);
   * }</pre>
   *
   * @return a thread-safe implementation; the same instance for the same interface
   * @throws IllegalArgumentException if {@code feignInterface} is not an interface Feign can
   *     implement (for example a method lacks {@code @RequestLine})
   */
  public <T> T api(Class<T> feignInterface) {
    requireNonNull(feignInterface, "feignInterface");
    if (!feignInterface.isInterface()) {
      throw new IllegalArgumentException(feignInterface.getName() + " is not an interface");
    }
    return feignInterface.cast(apis.computeIfAbsent(feignInterface, this::implement));
  }

  private Object implement(Class<?> feignInterface) {
    try {
      return transport.target(feignInterface);
    } catch (IllegalStateException e) { // Feign's contract refusing the interface
      throw new IllegalArgumentException(
          feignInterface.getName() + " is not a Feign interface: " + e.getMessage(), e);
    }
  }

  /**
   * This client acting as another identity, for example a signed-in user's {@code
   * AuthorizationCodeFlow.forSubject(subject)}: same settings and connections, other tokens.
   */
  public KrebitClient withTokenSource(TokenSource tokenSource) {
    requireNonNull(tokenSource, "tokenSource");
    return new KrebitClient(
        transport.withSettings(transport.settings().withTokenSource(tokenSource)));
  }

  /** The API root every path is relative to, ending with {@code /api/1.0/} for a tenant. */
  public URI apiBaseUri() {
    return transport.settings().apiBase();
  }

  ApiSettings settings() {
    return transport.settings();
  }

  @Override
  public String toString() {
    return "KrebitClient[" + apiBaseUri() + "]";
  }

  /**
   * Configures a {@link KrebitClient}. Each setter checks its value at once and names the setting
   * in its {@link KrebitConfigurationException}. Not thread-safe; the client it builds is.
   */
  public static final class Builder {
    private @Nullable URI apiBase;
    private @Nullable TokenSource tokenSource;
    private HttpConfig http = HttpConfig.ofDefaults();
    private Clock clock = Clock.systemUTC();
    private ApiCallListener listener = ApiCallListener.NONE;

    private Builder() {}

    private Builder(ApiSettings s) {
      apiBase = s.apiBase();
      tokenSource = s.tokenSource();
      http = s.http();
      clock = s.clock();
      listener = s.listener();
    }

    /** Calls the API of {@code tenant}, at its {@link Tenant#apiBase()}. */
    public Builder tenant(Tenant tenant) {
      return baseUri(requireNonNull(tenant, "tenant").apiBase());
    }

    /**
     * Calls the API at {@code apiBaseUri}, the root that paths such as {@code /me} are relative to,
     * for an API behind a proxy: for a tenant it is {@code
     * https://{organization}.krebit.se/api/1.0/}.
     *
     * @param apiBaseUri an absolute {@code https} URL, or {@code http} to a loopback host; no user
     *     info, query or fragment
     */
    public Builder baseUri(URI apiBaseUri) {
      URI checked = SecureUri.require("baseUri", requireNonNull(apiBaseUri, "baseUri"));
      String text = checked.toString();
      this.apiBase = text.endsWith("/") ? checked : URI.create(text + "/");
      return this;
    }

    /** Where bearer tokens come from, on every call. Required. */
    public Builder tokenSource(TokenSource tokenSource) {
      this.tokenSource = requireNonNull(tokenSource, "tokenSource");
      return this;
    }

    /**
     * Timeouts, retries, response size cap, TLS context and wire logging, as one value shared with
     * the token endpoint; default {@link HttpConfig#ofDefaults()}. Only idempotent calls are
     * retried (the one extra request after a 401 not counted). Every log level but {@code NONE}
     * logs the same redacted lines (method, URL without query, status, elapsed time, {@code
     * request_id}) at SLF4J DEBUG under this class's logger: {@code FULL} adds no headers or
     * bodies.
     *
     * <pre>{@code
     * .http(HttpConfig.custom()
     *     .callTimeout(Duration.ofSeconds(60))
     *     .maxAttempts(5)
     *     .build())
     * }</pre>
     */
    public Builder http(HttpConfig http) {
      this.http = requireNonNull(http, "http");
      return this;
    }

    /** The clock {@code Retry-After} dates are measured on; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Hears every API call from its start, before its token is fetched, for tracing; default {@link
     * ApiCallListener#NONE}, which costs nothing.
     */
    public Builder listener(ApiCallListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The client. Creates its HTTP client; opens no connection and asks for no token.
     *
     * @throws KrebitConfigurationException if the tenant or token source is missing, or the TLS
     *     context supports neither TLS 1.3 nor 1.2
     */
    public KrebitClient build() {
      if (apiBase == null) {
        throw new KrebitConfigurationException(
            "tenant is required: set tenant(...) or baseUri(...)");
      }
      if (tokenSource == null) {
        throw new KrebitConfigurationException("tokenSource is required: set tokenSource(...)");
      }
      ApiSettings settings = new ApiSettings(apiBase, tokenSource, http, clock, listener);
      return new KrebitClient(new ApiTransport(settings));
    }
  }
}
