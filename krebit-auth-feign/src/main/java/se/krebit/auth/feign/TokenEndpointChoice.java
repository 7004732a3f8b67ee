package se.krebit.auth.feign;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;

/**
 * Which URL token requests go to. An explicitly set token endpoint is the only one, ever. The
 * tenant's default ({@code /oauth/token}) comes with the other path Krebit's guides name ({@code
 * /api/oauth/token}): when the one in use answers 404, the other is asked once (a 404 means no
 * token endpoint processed the request, so even a refresh token may be sent again), and if it
 * answers as a token endpoint it is used from then on, said once at INFO. Thread-safe.
 */
final class TokenEndpointChoice {
  /** Where each way of setting the token endpoint is written, for error messages and the log. */
  static final String SETTING =
      "the token path or URL (Tenant.withTokenPath or withTokenEndpoint, "
          + EnvironmentConfig.TOKEN_PATH
          + " or "
          + EnvironmentConfig.TOKEN_URL
          + ", krebit --token-path or --token-url)";

  private static final Logger LOG = LoggerFactory.getLogger(FeignTokenEndpoint.class);

  private final URI configured;
  private final @Nullable URI alternative;
  private final AtomicReference<URI> current;

  TokenEndpointChoice(URI configured, @Nullable URI alternative) {
    this.configured = configured;
    this.alternative = alternative;
    this.current = new AtomicReference<>(configured);
  }

  /** Where the next request goes. */
  URI current() {
    return current.get();
  }

  /**
   * Where to ask after {@code tried} answered 404.
   *
   * @throws KrebitConfigurationException if the endpoint was set explicitly: there is no other
   */
  URI otherThan(URI tried, EndpointNotFound notFound) {
    if (alternative == null) {
      throw new KrebitConfigurationException(
          "token endpoint "
              + tried
              + " answered HTTP 404: there is no token endpoint at that URL."
              + " Check "
              + SETTING
              + "; an explicitly set token endpoint is never replaced by another",
          notFound.requestId(),
          null);
    }
    return tried.equals(configured) ? alternative : configured;
  }

  /**
   * {@code other} answered as a token endpoint after {@code tried} answered 404: use it from now
   * on.
   */
  void answered(URI tried, URI other) {
    if (current.compareAndSet(tried, other)) {
      LOG.info(
          "Token endpoint {} answered HTTP 404 and {} answered as a token endpoint: using it from now on."
              + " To ask it first, set {}: {}",
          tried,
          other,
          SETTING,
          other);
    }
  }

  /** Both documented paths answered 404. */
  KrebitConfigurationException neitherAnswered(EndpointNotFound last) {
    return new KrebitConfigurationException(
        "no token endpoint found: "
            + configured
            + " and "
            + alternative
            + ", the two paths Krebit's guides"
            + " name, both answered HTTP 404. Check the tenant, or set "
            + SETTING,
        last.requestId(),
        null);
  }
}
