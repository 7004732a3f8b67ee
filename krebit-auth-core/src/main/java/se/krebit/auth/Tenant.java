package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Krebit Sign tenant: where its token endpoint, authorize endpoint and REST API live.
 *
 * <p>{@link #organization(String)} gives the production address {@code https://{organization}.krebit.se};
 * {@link #at(URI)} gives an explicit base URI for proxies and tests, which must be {@code https}
 * unless the host is a loopback address. Immutable and thread-safe.
 *
 * <p>Krebit's guides disagree on the token endpoint: {@value #DEFAULT_TOKEN_PATH} in one version
 * and the quickstart, {@value #ALTERNATIVE_TOKEN_PATH} in the other and in {@code
 * /docs/authentication}. The default is the first, with the second as {@link
 * #alternativeTokenEndpoint()}, which a token endpoint may try once when the first answers 404.
 * {@link #withTokenPath}, {@link #withTokenEndpoint} and {@link #withAuthorizationEndpoint} pin an
 * endpoint instead (for another authorization server too, such as Keycloak's {@code
 * …/protocol/openid-connect/auth}); a pinned endpoint is never replaced by another.
 *
 * <pre>{@code
 * Tenant acme = Tenant.organization("acme");            // https://acme.krebit.se/
 * Tenant pinned = acme.withTokenPath("/api/oauth/token"); // https://acme.krebit.se/api/oauth/token
 * Tenant fake = Tenant.at(URI.create("http://127.0.0.1:8089"));
 * }</pre>
 */
public final class Tenant {
  /** The token endpoint's path unless set otherwise, relative to the base URI: {@value}. */
  public static final String DEFAULT_TOKEN_PATH = "/oauth/token";

  /** The token endpoint's path in the other version of Krebit's guide: {@value}. */
  public static final String ALTERNATIVE_TOKEN_PATH = "/api/oauth/token";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final String DOMAIN = ".krebit.se";
  /** Path segments of RFC 3986 characters, without empty, "." or ".." segments, query or fragment. */
  private static final Pattern PATH =
      Pattern.compile("/?(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+)*");
  private static final Pattern DOT_SEGMENT = Pattern.compile("(?:^|/)\\.{1,2}(?:/|$)");

  private final String id;
  private final URI baseUri;
  private final @Nullable URI tokenEndpoint;
  private final @Nullable URI authorizationEndpoint;

  private Tenant(String id, URI baseUri, @Nullable URI tokenEndpoint, @Nullable URI authorizationEndpoint) {
    this.id = id;
    this.baseUri = baseUri;
    this.tokenEndpoint = tokenEndpoint;
    this.authorizationEndpoint = authorizationEndpoint;
  }

  /**
   * The tenant at {@code https://{organization}.krebit.se}.
   *
   * @param organization a DNS label: 1 to 63 lower-case letters, digits or hyphens, not starting or
   *     ending with a hyphen
   * @throws KrebitConfigurationException if {@code organization} is not such a label
   */
  public static Tenant organization(String organization) {
    requireNonNull(organization, "organization");
    if (!DNS_LABEL.matcher(organization).matches()) {
      throw new KrebitConfigurationException(
          "tenant organization must be a DNS label (1-63 characters of a-z, 0-9 and '-', not starting"
              + " or ending with '-'), as in https://{organization}.krebit.se");
    }
    return new Tenant(organization, URI.create("https://" + organization + DOMAIN + "/"), null, null);
  }

  /**
   * A tenant at an explicit base URI, for a proxy or a test server.
   *
   * @param baseUri an absolute {@code https} URI, or {@code http} to a loopback host; no query,
   *     fragment or user info
   * @throws KrebitConfigurationException if the URI breaks any of those rules
   */
  public static Tenant at(URI baseUri) {
    requireNonNull(baseUri, "baseUri");
    URI normalized = validateBaseUri(baseUri);
    return new Tenant(normalized.getAuthority() + normalized.getPath(), normalized, null, null);
  }

  /**
   * The tenant named by {@code value}: a URI when it contains {@code "://"}, otherwise an
   * organization. Convenient for configuration files and environment variables.
   */
  public static Tenant parse(String value) {
    requireNonNull(value, "value");
    if (!value.contains("://")) {
      return organization(value);
    }
    try {
      return at(new URI(value));
    } catch (URISyntaxException e) {
      throw new KrebitConfigurationException("tenant base URI is not a valid URI (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A stable name for this tenant in token keys and logs: the organization, or host and path. */
  public String id() {
    return id;
  }

  /** The base URI, always ending with {@code /}. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * This tenant with its token endpoint at {@code path}, relative to the base URI: for example
   * {@value #ALTERNATIVE_TOKEN_PATH} gives {@code https://acme.krebit.se/api/oauth/token}. Pinned:
   * no other path is tried.
   *
   * @param path path segments, the leading {@code /} optional; no query, fragment, empty, {@code .}
   *     or {@code ..} segment
   * @throws KrebitConfigurationException if {@code path} is not such a path
   */
  public Tenant withTokenPath(String path) {
    requireNonNull(path, "path");
    if (!PATH.matcher(path).matches() || DOT_SEGMENT.matcher(path).find()) {
      throw new KrebitConfigurationException(
          "tokenPath must be a path such as " + ALTERNATIVE_TOKEN_PATH + " (relative to the tenant's base URI,"
              + " without query, fragment, empty, '.' or '..' segments)");
    }
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return withTokenEndpoint(URI.create(baseUri + relative));
  }

  /**
   * This tenant with its token endpoint at {@code tokenEndpoint}, anywhere: for an authorization
   * server other than Krebit's. Pinned: no other URL is tried.
   *
   * @param tokenEndpoint an absolute {@code https} URL, or {@code http} to a loopback host; no user
   *     info, query or fragment
   * @throws KrebitConfigurationException if the URL breaks those rules
   */
  public Tenant withTokenEndpoint(URI tokenEndpoint) {
    URI checked = SecureUri.require("tokenEndpoint", requireNonNull(tokenEndpoint, "tokenEndpoint"));
    return new Tenant(id, baseUri, checked, authorizationEndpoint);
  }

  /**
   * This tenant with its authorization endpoint, where browsers are sent to sign in, at {@code
   * authorizationEndpoint}: for an authorization server other than Krebit's.
   *
   * @param authorizationEndpoint an absolute {@code https} URL, or {@code http} to a loopback host;
   *     no user info, query or fragment
   * @throws KrebitConfigurationException if the URL breaks those rules
   */
  public Tenant withAuthorizationEndpoint(URI authorizationEndpoint) {
    URI checked =
        SecureUri.require("authorizationEndpoint", requireNonNull(authorizationEndpoint, "authorizationEndpoint"));
    return new Tenant(id, baseUri, tokenEndpoint, checked);
  }

  /**
   * {@code POST} here to exchange a grant for tokens: the endpoint set with {@link #withTokenPath}
   * or {@link #withTokenEndpoint}, else {@value #DEFAULT_TOKEN_PATH} under the base URI.
   */
  public URI tokenEndpoint() {
    return tokenEndpoint != null ? tokenEndpoint : resolve(DEFAULT_TOKEN_PATH);
  }

  /**
   * Where to ask once more when {@link #tokenEndpoint()} answers 404: {@value
   * #ALTERNATIVE_TOKEN_PATH} under the base URI, the other path Krebit's guides name. Empty when the
   * token endpoint was set explicitly, which must never be silently changed.
   */
  public Optional<URI> alternativeTokenEndpoint() {
    return tokenEndpoint != null ? Optional.empty() : Optional.of(resolve(ALTERNATIVE_TOKEN_PATH));
  }

  /**
   * The browser is sent here to ask the user's consent: the endpoint set with {@link
   * #withAuthorizationEndpoint}, else {@code oauth/authorize} under the base URI.
   */
  public URI authorizationEndpoint() {
    return authorizationEndpoint != null ? authorizationEndpoint : resolve("/oauth/authorize");
  }

  /** The base of the REST API, {@code …/api/1.0/}. */
  public URI apiBase() {
    return baseUri.resolve("api/1.0/");
  }

  /** {@code path} (starting with {@code /}) under the base URI, whatever path the base has. */
  private URI resolve(String path) {
    return baseUri.resolve(path.substring(1));
  }

  private static URI validateBaseUri(URI uri) {
    SecureUri.require("tenant base URI", uri);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    // Built as text, never by resolving the path against the host: a path starting with "//" would
    // resolve as a network-path reference and put its first segment in place of the host.
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String authority = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    URI normalized;
    try {
      normalized = new URI(scheme + "://" + authority + path);
    } catch (URISyntaxException e) {
      throw new KrebitConfigurationException("tenant base URI is not valid (" + e.getClass().getSimpleName() + ")");
    }
    if (!host.equals(normalized.getHost()) || normalized.getPort() != uri.getPort()) {
      throw new KrebitConfigurationException("tenant base URI is not valid: its host or port does not survive normalization");
    }
    return normalized;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Tenant that
        && baseUri.equals(that.baseUri)
        && Objects.equals(tokenEndpoint, that.tokenEndpoint)
        && Objects.equals(authorizationEndpoint, that.authorizationEndpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUri, tokenEndpoint, authorizationEndpoint);
  }

  @Override
  public String toString() {
    return "Tenant[" + baseUri
        + (tokenEndpoint == null ? "" : ", token endpoint " + tokenEndpoint)
        + (authorizationEndpoint == null ? "" : ", authorization endpoint " + authorizationEndpoint)
        + "]";
  }
}
