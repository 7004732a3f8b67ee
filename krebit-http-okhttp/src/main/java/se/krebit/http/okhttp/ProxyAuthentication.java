package se.krebit.http.okhttp;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Answers a proxy's {@code 407} with Basic credentials from a per-client {@link Authenticator}, as
 * the JDK client does with its own; never the process-wide default authenticator, and never a
 * server's {@code 401} (Krebit's calls carry their own bearer token). Tries once: a proxy that
 * refuses the answer gets no second guess.
 */
final class ProxyAuthentication implements okhttp3.Authenticator {
  private static final String HEADER = "Proxy-Authorization";

  private final Authenticator authenticator;

  ProxyAuthentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) {
    if (response.code() != 407 || route == null || response.request().header(HEADER) != null) {
      return null;
    }
    Proxy proxy = route.proxy();
    if (!(proxy.address() instanceof InetSocketAddress address)) {
      return null;
    }
    HttpUrl url = response.request().url();
    for (Challenge challenge : response.challenges()) {
      if (!"Basic".equalsIgnoreCase(challenge.scheme())) {
        continue;
      }
      PasswordAuthentication credentials =
          authenticator.requestPasswordAuthenticationInstance(
              address.getHostString(),
              address.getAddress(),
              address.getPort(),
              url.scheme(),
              challenge.realm(),
              challenge.scheme(),
              url.url(),
              Authenticator.RequestorType.PROXY);
      if (credentials != null) {
        String value =
            Credentials.basic(
                credentials.getUserName(),
                new String(credentials.getPassword()),
                challenge.charset());
        return response.request().newBuilder().header(HEADER, value).build();
      }
    }
    return null;
  }
}
