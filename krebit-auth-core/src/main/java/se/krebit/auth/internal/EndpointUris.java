package se.krebit.auth.internal;

import java.net.URI;
import java.util.Locale;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;

/**
 * Checks a URL before anything connects to it: {@code https}, or {@code http} to a loopback host
 * only, so that no token or secret ever crosses a network in clear text; and no user info, query or
 * fragment, which would be sent with every request.
 */
public final class EndpointUris {
  private EndpointUris() {}

  /**
   * @param setting the name of the setting, quoted in the error
   * @return {@code uri}, when it is absolute and {@code https}, or {@code http} to a loopback host,
   *     without user info, query or fragment
   * @throws KrebitConfigurationException naming {@code setting} and the rule {@code uri} breaks, never
   *     any part of {@code uri}: a value pasted into the wrong setting may be a secret
   */
  public static URI require(String setting, URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      throw new KrebitConfigurationException(
          setting + " must be an absolute URL with a host, like https://acme.krebit.se/");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new KrebitConfigurationException(setting + " must not carry user info, a query or a fragment");
    }
    if (scheme.equals("http") && !Tenant.isLoopback(uri)) {
      throw new KrebitConfigurationException(
          setting
              + " must use https; plain http is accepted only for loopback hosts"
              + " (localhost, 127.0.0.0/8, ::1)");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new KrebitConfigurationException(setting + " must use https");
    }
    return uri;
  }
}
