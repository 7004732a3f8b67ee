package se.krebit.auth.feign;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.CircuitBreakerGuarded;
import se.krebit.auth.CircuitState;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.SecureUri;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.http.HttpConfig;
import se.krebit.http.internal.Checks;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * The Krebit token endpoint over OpenFeign: each {@link #exchange} sends one grant as the guide's
 * JSON body (or RFC 6749 form parameters, the client authenticated in the body or with HTTP Basic)
 * and returns the validated token response or a typed error carrying the {@code request_id} header.
 *
 * <p>Built for a {@link Tenant} without an explicit token endpoint, it sends to {@code
 * /oauth/token}; when that answers 404 it asks {@code /api/oauth/token}, the other path Krebit's
 * guides name, once, and keeps using it if it answers as a token endpoint (logged at INFO); if both
 * answer 404 the error is a {@link KrebitConfigurationException} naming both and the setting. An
 * explicitly set token endpoint is the only one ever asked.
 *
 * <p>Connection faults, timeouts, 5xx and 429 are retried with exponential backoff and jitter,
 * honouring {@code Retry-After}; OAuth errors never are. A circuit breaker stops calling an
 * endpoint that keeps failing transiently. Only {@code https} is accepted (plain {@code http} to
 * loopback hosts only), over TLS 1.3 or 1.2. Logs and error messages never contain the client
 * secret, a code, a token or a response body, whatever the log level.
 *
 * <p>Immutable and thread-safe; build one per token endpoint and share it. The defaults are the
 * {@code DEFAULT_*} constants here and, for HTTP, {@link HttpConfig}'s.
 *
 * <pre>{@code
 * TokenEndpoint endpoint = FeignTokenEndpoint.builder()
 *     .tenant(Tenant.organization("acme"))       // https://acme.krebit.se/oauth/token
 *     .build();
 * TokenEndpoint keycloak = FeignTokenEndpoint.builder()
 *     .tokenEndpoint(URI.create("https://sso.example/realms/x/protocol/openid-connect/token"))
 *     .requestFormat(RequestFormat.FORM)
 *     .clientAuthentication(ClientAuthentication.BASIC)
 *     .build();
 * TokenResponse tokens = endpoint.exchange(
 *     ClientCredentials.of(clientId, clientSecret), ClientCredentialsGrant.defaultScope());
 * }</pre>
 */
public final class FeignTokenEndpoint implements TokenEndpoint, CircuitBreakerGuarded {
  /** Body format unless set: the Krebit guide's JSON. */
  public static final RequestFormat DEFAULT_REQUEST_FORMAT = RequestFormat.JSON;

  /** Client authentication unless set: the id and secret in the body, as the Krebit guide shows. */
  public static final ClientAuthentication DEFAULT_CLIENT_AUTHENTICATION = ClientAuthentication.BODY;

  /**
   * How long a token lives when its response has no {@code expires_in}, unless set: 5 minutes.
   * Short, because a token kept past its real expiry costs a refused call (the API client then
   * gets a new one) while one renewed too early costs only a token request.
   */
  public static final Duration DEFAULT_EXPIRES_IN_WHEN_ABSENT = Duration.ofMinutes(5);

  /** Percentage of failed attempts in the window that opens the circuit unless set: 50. */
  public static final float DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE = 50f;

  /** Attempts the circuit breaker looks back over (and needs before it judges) unless set: 10. */
  public static final int DEFAULT_CIRCUIT_BREAKER_WINDOW = 10;

  /** How long an open circuit rejects calls before one trial request, unless set: 30 s. */
  public static final Duration DEFAULT_CIRCUIT_BREAKER_OPEN_DURATION = Duration.ofSeconds(30);

  private final EndpointSettings settings;
  private final EndpointResilience resilience;
  private final FeignTransport transport;
  private final TokenEndpointChoice endpoints;

  private FeignTokenEndpoint(EndpointSettings settings) {
    this.settings = settings;
    this.resilience = new EndpointResilience(settings);
    this.transport = new FeignTransport(settings);
    this.endpoints = new TokenEndpointChoice(settings.tokenEndpoint(), settings.alternativeTokenEndpoint());
  }

  /** A builder; {@link Builder#tenant} or {@link Builder#tokenEndpoint} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this endpoint's configuration, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  /**
   * {@inheritDoc}
   *
   * @throws OAuthErrorException if the server refused the grant; never retried
   * @throws TokenEndpointUnavailableException if the endpoint stayed unreachable or failing through
   *     every attempt, or its circuit is open
   * @throws InvalidTokenResponseException if the server answered with something that is not a token
   *     response: not JSON, too large, a missing or malformed member, a redirect, or a 4xx whose
   *     body is not an OAuth error (no OAuth error code is invented for it; the status is kept)
   * @throws KrebitConfigurationException if the token endpoint answered 404: set explicitly, or
   *     both paths Krebit's guides name; or the TLS handshake failed
   */
  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    TokenRequest request =
        new TokenRequest(requireNonNull(client, "client"), requireNonNull(grant, "grant"));
    boolean singleUse = grant instanceof AuthorizationCodeGrant || grant instanceof RefreshTokenGrant;
    URI endpoint = endpoints.current();
    try {
      return resilience.call(() -> transport.exchange(endpoint, request), singleUse);
    } catch (EndpointNotFound notFound) {
      // Nothing processed the grant, so even a code or refresh token may go to the other path.
      URI other = endpoints.otherThan(endpoint, notFound);
      try {
        TokenResponse response = resilience.call(() -> transport.exchange(other, request), singleUse);
        endpoints.answered(endpoint, other);
        return response;
      } catch (OAuthErrorException refused) {
        endpoints.answered(endpoint, other); // a token endpoint, if not a happy one
        throw refused;
      } catch (EndpointNotFound again) {
        throw endpoints.neitherAnswered(again);
      }
    }
  }

  /**
   * Where token requests go now: the configured token endpoint, or the tenant's alternative once
   * the configured one answered 404 and the alternative answered as a token endpoint.
   */
  public URI currentTokenEndpoint() {
    return endpoints.current();
  }

  /** The state of the circuit breaker around the endpoint now, for health checks and metrics. */
  @Override
  public CircuitState circuitState() {
    return switch (resilience.circuitState()) {
      case CLOSED -> CircuitState.CLOSED;
      case HALF_OPEN -> CircuitState.HALF_OPEN;
      default -> CircuitState.OPEN;
    };
  }

  EndpointSettings settings() {
    return settings;
  }

  EndpointResilience resilience() {
    return resilience;
  }

  @Override
  public String toString() {
    return "FeignTokenEndpoint[" + endpoints.current() + ", " + settings.requestFormat() + ", "
        + settings.clientAuthentication() + "]";
  }

  /**
   * Configures a {@link FeignTokenEndpoint}. Each setter checks its value at once and names the
   * setting in its {@link KrebitConfigurationException}. Not thread-safe; the endpoint it builds
   * is.
   */
  public static final class Builder {
    private static final int MAX_WINDOW = 1000;

    private @Nullable URI tokenEndpoint;
    private @Nullable URI alternativeTokenEndpoint;
    private RequestFormat requestFormat = DEFAULT_REQUEST_FORMAT;
    private ClientAuthentication clientAuthentication = DEFAULT_CLIENT_AUTHENTICATION;
    private Duration expiresInWhenAbsent = DEFAULT_EXPIRES_IN_WHEN_ABSENT;
    private HttpConfig http = HttpConfig.ofDefaults();
    private float circuitBreakerFailureRate = DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE;
    private int circuitBreakerWindow = DEFAULT_CIRCUIT_BREAKER_WINDOW;
    private Duration circuitBreakerOpenDuration = DEFAULT_CIRCUIT_BREAKER_OPEN_DURATION;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder(EndpointSettings s) {
      tokenEndpoint = s.tokenEndpoint();
      alternativeTokenEndpoint = s.alternativeTokenEndpoint();
      requestFormat = s.requestFormat();
      clientAuthentication = s.clientAuthentication();
      expiresInWhenAbsent = s.expiresInWhenAbsent();
      http = s.http();
      circuitBreakerFailureRate = s.circuitBreakerFailureRate();
      circuitBreakerWindow = s.circuitBreakerWindow();
      circuitBreakerOpenDuration = s.circuitBreakerOpenDuration();
      clock = s.clock();
    }

    /**
     * Sends token requests to {@code tenant}'s {@link Tenant#tokenEndpoint()}, and once to its
     * {@link Tenant#alternativeTokenEndpoint()} when that answers 404.
     */
    public Builder tenant(Tenant tenant) {
      requireNonNull(tenant, "tenant");
      tokenEndpoint(tenant.tokenEndpoint());
      this.alternativeTokenEndpoint = tenant.alternativeTokenEndpoint().orElse(null);
      return this;
    }

    /**
     * Everything {@code config} sets for token requests: its tenant (and token endpoint), HTTP
     * configuration, request format, client authentication and lifetime of tokens without {@code
     * expires_in}. Settings made after this call win.
     */
    public Builder config(KrebitAuthConfig config) {
      requireNonNull(config, "config");
      return tenant(config.tenant())
          .http(config.http())
          .requestFormat(config.requestFormat())
          .clientAuthentication(config.clientAuthentication())
          .expiresInWhenAbsent(config.expiresInWhenAbsent());
    }

    /**
     * Sends token requests to {@code tokenEndpoint} and nowhere else, for servers other than a
     * Krebit tenant, or to pin one of Krebit's paths.
     *
     * @param tokenEndpoint an absolute {@code https} URL, or {@code http} to a loopback host; no
     *     user info, query or fragment
     */
    public Builder tokenEndpoint(URI tokenEndpoint) {
      this.tokenEndpoint =
          SecureUri.require("tokenEndpoint", requireNonNull(tokenEndpoint, "tokenEndpoint"));
      this.alternativeTokenEndpoint = null;
      return this;
    }

    /**
     * Timeouts, retries, response size cap, TLS context and wire logging; default {@link
     * HttpConfig#ofDefaults()}, the same as the API client's.
     */
    public Builder http(HttpConfig http) {
      this.http = requireNonNull(http, "http");
      return this;
    }

    /** The body format; default {@link FeignTokenEndpoint#DEFAULT_REQUEST_FORMAT}. */
    public Builder requestFormat(RequestFormat requestFormat) {
      this.requestFormat = requireNonNull(requestFormat, "requestFormat");
      return this;
    }

    /**
     * How the client proves who it is: in the body or with HTTP Basic; default {@link
     * FeignTokenEndpoint#DEFAULT_CLIENT_AUTHENTICATION}.
     */
    public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
      this.clientAuthentication = requireNonNull(clientAuthentication, "clientAuthentication");
      return this;
    }

    /**
     * How long a token lives when the response has no {@code expires_in}, which RFC 6749 only
     * recommends; the first such response is logged at INFO. Whole seconds, at least 1; default
     * {@link FeignTokenEndpoint#DEFAULT_EXPIRES_IN_WHEN_ABSENT}.
     */
    public Builder expiresInWhenAbsent(Duration lifetime) {
      requireNonNull(lifetime, "expiresInWhenAbsent");
      if (lifetime.getNano() != 0 || lifetime.getSeconds() < 1) {
        throw new KrebitConfigurationException(
            "expiresInWhenAbsent must be a whole number of seconds, at least 1; got " + lifetime);
      }
      this.expiresInWhenAbsent = lifetime;
      return this;
    }

    /**
     * Percentage of failed attempts, among the last {@link #circuitBreakerWindow}, that opens the
     * circuit: above 0, at most 100; default {@value
     * FeignTokenEndpoint#DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE}.
     */
    public Builder circuitBreakerFailureRate(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new KrebitConfigurationException(
            "circuitBreakerFailureRate must be above 0 and at most 100; got " + percent);
      }
      this.circuitBreakerFailureRate = percent;
      return this;
    }

    /**
     * How many recent attempts the circuit breaker judges, and how many it needs before it judges
     * at all: 1 to 1000; default {@value FeignTokenEndpoint#DEFAULT_CIRCUIT_BREAKER_WINDOW}.
     */
    public Builder circuitBreakerWindow(int attempts) {
      this.circuitBreakerWindow = Checks.inRange("circuitBreakerWindow", attempts, 1, MAX_WINDOW);
      return this;
    }

    /**
     * How long an open circuit fails calls at once before letting one trial request through; at
     * least 1 ms; default {@link FeignTokenEndpoint#DEFAULT_CIRCUIT_BREAKER_OPEN_DURATION}.
     */
    public Builder circuitBreakerOpenDuration(Duration openDuration) {
      this.circuitBreakerOpenDuration = Checks.timeout("circuitBreakerOpenDuration", openDuration);
      return this;
    }

    /**
     * The clock for {@code Retry-After} dates and the circuit breaker's open duration; default
     * {@link Clock#systemUTC()}. Timeouts and backoff sleeps run on real elapsed time.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The endpoint. Creates its HTTP client; opens no connection.
     *
     * @throws KrebitConfigurationException if no endpoint was set, or the TLS context supports
     *     neither TLS 1.3 nor 1.2
     */
    public FeignTokenEndpoint build() {
      if (tokenEndpoint == null) {
        throw new KrebitConfigurationException(
            "tokenEndpoint is required: set tenant(...) or tokenEndpoint(...)");
      }
      return new FeignTokenEndpoint(
          new EndpointSettings(
              tokenEndpoint,
              alternativeTokenEndpoint,
              requestFormat,
              clientAuthentication,
              expiresInWhenAbsent,
              http,
              circuitBreakerFailureRate,
              circuitBreakerWindow,
              circuitBreakerOpenDuration,
              clock));
    }
  }
}
