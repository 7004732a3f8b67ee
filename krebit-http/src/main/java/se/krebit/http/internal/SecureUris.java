package se.krebit.http.internal;

import java.net.URI;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.internal.EndpointUris;

/**
 * Checks a URL before anything connects to it: {@code https}, or {@code http} to a loopback host
 * only, so that no token or secret ever crosses a network in clear text. The rules are core's
 * {@link EndpointUris}, which the tenant's endpoint settings follow too.
 */
public final class SecureUris {
  private SecureUris() {}

  /**
   * @param setting the name of the setting, quoted in the error
   * @return {@code uri}, when it is absolute and {@code https}, or {@code http} to a loopback host,
   *     without user info, query or fragment
   * @throws KrebitConfigurationException naming {@code setting} and the rule {@code uri} breaks, never
   *     any part of {@code uri}: a value pasted into the wrong setting may be a secret
   */
  public static URI require(String setting, URI uri) {
    return EndpointUris.require(setting, uri);
  }
}
