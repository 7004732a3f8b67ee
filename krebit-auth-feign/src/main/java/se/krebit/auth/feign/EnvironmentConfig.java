package se.krebit.auth.feign;

import feign.Logger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.http.HttpConfig;

/**
 * Reads {@link KrebitAuthConfig} from environment variables ({@code KREBIT_CLIENT_ID}) and system
 * properties ({@code krebit.client.id}, which win). Every problem is collected, so one error names
 * every key at fault and the kind of problem, never a value: a secret pasted into the wrong key, or
 * a value that is a secret by mistake, is not echoed, whole or in part.
 */
final class EnvironmentConfig {
  static final String TENANT = "KREBIT_TENANT";
  static final String CLIENT_ID = "KREBIT_CLIENT_ID";
  static final String CLIENT_SECRET = "KREBIT_CLIENT_SECRET";
  static final String REDIRECT_URIS = "KREBIT_REDIRECT_URIS";
  static final String CONNECT_TIMEOUT = "KREBIT_CONNECT_TIMEOUT";
  static final String READ_TIMEOUT = "KREBIT_READ_TIMEOUT";
  static final String MAX_ATTEMPTS = "KREBIT_MAX_ATTEMPTS";
  static final String MAX_RETRY_AFTER = "KREBIT_MAX_RETRY_AFTER";
  static final String LOG_LEVEL = "KREBIT_LOG_LEVEL";
  static final String TOKEN_PATH = "KREBIT_TOKEN_PATH";
  static final String TOKEN_URL = "KREBIT_TOKEN_URL";
  static final String AUTHORIZE_URL = "KREBIT_AUTHORIZE_URL";
  static final String REQUEST_FORMAT = "KREBIT_REQUEST_FORMAT";
  static final String CLIENT_AUTHENTICATION = "KREBIT_CLIENT_AUTHENTICATION";
  static final String EXPIRES_IN_WHEN_ABSENT = "KREBIT_EXPIRES_IN_WHEN_ABSENT";

  private final Map<String, String> environment;
  private final Map<String, String> properties;
  private final List<String> problems = new ArrayList<>();

  EnvironmentConfig(Map<String, String> environment, Map<String, String> properties) {
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
  }

  /**
   * The system property that overrides {@code key}: {@code KREBIT_CLIENT_ID} ⇒ {@code
   * krebit.client.id}.
   */
  static String property(String key) {
    return key.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /**
   * The tenant alone, with the endpoints the configuration sets.
   *
   * @throws KrebitConfigurationException naming each of its keys that is missing or malformed
   */
  Tenant readTenant() {
    @Nullable Tenant tenant = tenant();
    throwProblems(null);
    return Objects.requireNonNull(tenant);
  }

  KrebitAuthConfig read() {
    KrebitAuthConfig.Builder config = KrebitAuthConfig.custom();
    HttpConfig.Builder http = HttpConfig.custom();
    @Nullable Tenant tenant = tenant();
    @Nullable String clientId = required(CLIENT_ID, Function.identity());
    @Nullable ClientSecret secret =
        required(CLIENT_SECRET, ClientSecret::of); // its errors quote no value
    if (clientId != null && secret != null) {
      check(CLIENT_ID, () -> new ClientCredentials(clientId, secret));
    }
    optional(REDIRECT_URIS, value -> config.redirectUris(redirectUris(value).toArray(URI[]::new)));
    optional(CONNECT_TIMEOUT, value -> http.connectTimeout(duration(value)));
    optional(READ_TIMEOUT, value -> http.callTimeout(duration(value)));
    optional(MAX_ATTEMPTS, value -> http.maxAttempts(integer(value)));
    optional(MAX_RETRY_AFTER, value -> http.maxRetryAfter(duration(value)));
    optional(LOG_LEVEL, value -> http.logLevel(logLevel(value)));
    optional(REQUEST_FORMAT, value -> config.requestFormat(choice(RequestFormat.class, value)));
    optional(
        CLIENT_AUTHENTICATION,
        value -> config.clientAuthentication(choice(ClientAuthentication.class, value)));
    optional(EXPIRES_IN_WHEN_ABSENT, value -> config.expiresInWhenAbsent(duration(value)));
    throwProblems(secret);
    return config
        .tenant(tenant)
        .clientId(clientId)
        .clientSecret(() -> secret)
        .http(http.build())
        .build();
  }

  /**
   * The tenant with the token and authorization endpoints set, if they are; null if it has
   * problems.
   */
  private @Nullable Tenant tenant() {
    @Nullable Tenant tenant = required(TENANT, Tenant::parse);
    if (tenant == null) {
      return null;
    }
    if (value(TOKEN_PATH) != null && value(TOKEN_URL) != null) {
      problems.add(
          TOKEN_PATH
              + " and "
              + TOKEN_URL
              + " are both set: set the path under the tenant, or the whole URL");
      return null;
    }
    int before = problems.size();
    tenant = endpoint(tenant, TOKEN_PATH, Tenant::withTokenPath);
    tenant = endpoint(tenant, TOKEN_URL, (t, value) -> t.withTokenEndpoint(uri(value)));
    tenant = endpoint(tenant, AUTHORIZE_URL, (t, value) -> t.withAuthorizationEndpoint(uri(value)));
    return problems.size() == before ? tenant : null;
  }

  /** {@code tenant} with the endpoint {@code key} sets, if it is set and well-formed. */
  private Tenant endpoint(Tenant tenant, String key, BiFunction<Tenant, String, Tenant> set) {
    String value = value(key);
    if (value == null) {
      return tenant;
    }
    Tenant configured = check(key, () -> set.apply(tenant, value));
    return configured == null ? tenant : configured; // the next keys are checked all the same
  }

  private void throwProblems(@Nullable ClientSecret secret) {
    if (!problems.isEmpty()) {
      String message =
          "Krebit configuration is incomplete or malformed: " + String.join("; ", problems);
      // a secret pasted into the wrong key must not be echoed by that key's error either
      throw new KrebitConfigurationException(
          secret == null ? message : message.replace(secret.reveal(), "[redacted]"));
    }
  }

  private @Nullable String value(String key) {
    String value = properties.get(property(key));
    if (value == null || value.isBlank()) {
      value = environment.get(key);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private <T> @Nullable T required(String key, Function<String, T> parse) {
    String value = value(key);
    if (value == null) {
      problems.add(
          key
              + " is not set (environment variable "
              + key
              + " or system property "
              + property(key)
              + ")");
      return null;
    }
    return check(key, () -> parse.apply(value));
  }

  private void optional(String key, Consumer<String> apply) {
    String value = value(key);
    if (value != null) {
      check(
          key,
          () -> {
            apply.accept(value);
            return value;
          });
    }
  }

  private <T> @Nullable T check(String key, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (KrebitConfigurationException | IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private static List<URI> redirectUris(String value) {
    List<URI> uris = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        try {
          uris.add(new URI(part.strip()));
        } catch (URISyntaxException e) {
          throw new KrebitConfigurationException("one of the comma-separated values is not a URI");
        }
      }
    }
    return uris;
  }

  private static URI uri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new KrebitConfigurationException("not a valid URI");
    }
  }

  /** One of {@code type}'s constants, named in any case. */
  private static <E extends Enum<E>> E choice(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new KrebitConfigurationException(
        "must be one of " + Arrays.toString(type.getEnumConstants()));
  }

  private static Duration duration(String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new KrebitConfigurationException(
          "must be an ISO-8601 duration such as PT10S or PT0.5S");
    }
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new KrebitConfigurationException("must be a whole number");
    }
  }

  private static Logger.Level logLevel(String value) {
    try {
      return Logger.Level.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KrebitConfigurationException("must be one of NONE, BASIC, HEADERS, FULL");
    }
  }
}
