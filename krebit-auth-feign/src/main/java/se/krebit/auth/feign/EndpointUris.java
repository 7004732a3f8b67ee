package se.krebit.auth.feign;

import java.net.URI;
import java.util.Locale;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;

/** Checks a token endpoint URL before anything connects to it: https, or http to loopback only. */
final class EndpointUris {
  private EndpointUris() {}

  /**
   * @return {@code uri}, when it is absolute and {@code https}, or {@code http} to a loopback host,
   *     without user info, query or fragment
   * @throws KrebitConfigurationException naming the rule {@code uri} breaks
   */
  static URI requireSecure(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      throw new KrebitConfigurationException(
          "tokenEndpoint must be an absolute URL with a host, like"
              + " https://acme.krebit.se/oauth/token");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new KrebitConfigurationException(
          "tokenEndpoint must not carry user info, a query or a fragment; host " + uri.getHost());
    }
    if (scheme.equals("http") && !Tenant.isLoopback(uri)) {
      throw new KrebitConfigurationException(
          "tokenEndpoint must use https; plain http is accepted only for loopback hosts"
              + " (localhost, 127.0.0.0/8, ::1); got host "
              + uri.getHost());
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new KrebitConfigurationException(
          "tokenEndpoint must use https; got scheme " + ResponseHeaders.printable(scheme));
    }
    return uri;
  }
}
