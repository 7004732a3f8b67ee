package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Krebit Sign tenant: where its token endpoint, authorize endpoint and REST API live.
 *
 * <p>{@link #organization(String)} gives the production address {@code https://{organization}.krebit.se};
 * {@link #at(URI)} gives an explicit base URI for proxies and tests, which must be {@code https}
 * unless the host is a loopback address. Immutable and thread-safe.
 *
 * <pre>{@code
 * Tenant acme = Tenant.organization("acme");            // https://acme.krebit.se/
 * Tenant fake = Tenant.at(URI.create("http://127.0.0.1:8089"));
 * }</pre>
 */
public final class Tenant {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final String DOMAIN = ".krebit.se";

  private final String id;
  private final URI baseUri;

  private Tenant(String id, URI baseUri) {
    this.id = id;
    this.baseUri = baseUri;
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
    return new Tenant(organization, URI.create("https://" + organization + DOMAIN + "/"));
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
    return new Tenant(normalized.getAuthority() + normalized.getPath(), normalized);
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

  /** {@code POST} here to exchange a grant for tokens. */
  public URI tokenEndpoint() {
    return baseUri.resolve("oauth/token");
  }

  /** The browser is sent here to ask the user's consent. */
  public URI authorizationEndpoint() {
    return baseUri.resolve("oauth/authorize");
  }

  /** The base of the REST API, {@code …/api/1.0/}. */
  public URI apiBase() {
    return baseUri.resolve("api/1.0/");
  }

  /** Whether plain {@code http} to {@code uri} is acceptable: only to a loopback host. */
  public static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!looksLikeIpLiteral(bare)) {
      return false; // never resolve names here: a lookup could be steered by DNS
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static URI validateBaseUri(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
      throw new KrebitConfigurationException(
          "tenant base URI must be absolute with a host, like https://acme.krebit.se");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new KrebitConfigurationException(
          "tenant base URI must not carry user info, a query or a fragment");
    }
    if (scheme.equals("http")) {
      if (!isLoopback(uri)) {
        throw new KrebitConfigurationException(
            "tenant base URI must use https; plain http is accepted only for loopback hosts"
                + " (localhost, 127.0.0.0/8, ::1)");
      }
    } else if (!scheme.equals("https")) {
      throw new KrebitConfigurationException(
          "tenant base URI must use https");
    }
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

  private static boolean looksLikeIpLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Tenant that && baseUri.equals(that.baseUri);
  }

  @Override
  public int hashCode() {
    return baseUri.hashCode();
  }

  @Override
  public String toString() {
    return "Tenant[" + baseUri + "]";
  }
}
