package se.krebit.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one rule for every URL a secret or token is sent to or received at: {@code https}, or plain
 * {@code http} to a loopback host only, so that nothing secret crosses a network in clear text. The
 * tenant, the token and authorization endpoints, redirect URIs, the API base and the Vault address
 * are all checked here, with the same {@link KrebitConfigurationException} and message.
 */
public final class SecureUri {
  private SecureUri() {}

  /**
   * An endpoint URL: absolute with a host, no user info, query or fragment (which would be sent with
   * every request), and {@link #requireHttpsOrLoopback https or loopback http}.
   *
   * @param setting the name of the setting, quoted in the error
   * @return {@code uri}
   * @throws KrebitConfigurationException naming {@code setting} and the rule {@code uri} breaks, never
   *     any part of {@code uri}: a value pasted into the wrong setting may be a secret
   */
  public static URI require(String setting, URI uri) {
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      throw new KrebitConfigurationException(
          setting + " must be an absolute URL with a host, like https://acme.krebit.se/");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new KrebitConfigurationException(setting + " must not carry user info, a query or a fragment");
    }
    return requireHttpsOrLoopback(setting, uri);
  }

  /**
   * The scheme rule alone, for URLs that may carry a query, such as redirect URIs.
   *
   * @param setting the name of the setting, quoted in the error
   * @return {@code uri}, when it is {@code https}, or {@code http} to a loopback host
   * @throws KrebitConfigurationException naming {@code setting}, never any part of {@code uri}
   */
  public static URI requireHttpsOrLoopback(String setting, URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !isLoopback(uri)) {
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

  /**
   * Whether {@code uri}'s host is a loopback host: {@code localhost} or a loopback IP literal. Names
   * are never resolved: a lookup could be steered by DNS.
   */
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
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean looksLikeIpLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
