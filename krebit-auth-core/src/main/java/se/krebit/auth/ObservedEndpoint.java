package se.krebit.auth;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * A token endpoint that tells a {@link TokenListener} of every exchange: one place for every flow.
 */
final class ObservedEndpoint implements TokenEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TokenListener.class);

  private final TokenEndpoint endpoint;
  private final TokenListener listener;

  private ObservedEndpoint(TokenEndpoint endpoint, TokenListener listener) {
    this.endpoint = endpoint;
    this.listener = listener;
  }

  /** {@code endpoint} itself when nobody listens. */
  static TokenEndpoint wrap(TokenEndpoint endpoint, TokenListener listener) {
    return listener == TokenListener.NONE ? endpoint : new ObservedEndpoint(endpoint, listener);
  }

  @Override
  public TokenResponse exchange(ClientCredentials client, Grant grant) {
    long started = System.nanoTime();
    try {
      TokenResponse response = endpoint.exchange(client, grant);
      tell(grant, TokenRequestEvent.Outcome.SUCCESS, started, response.requestId());
      return response;
    } catch (RuntimeException failure) {
      Optional<String> requestId =
          failure instanceof KrebitException k ? k.requestId() : Optional.empty();
      tell(grant, TokenRequestEvent.Outcome.of(failure), started, requestId);
      throw failure;
    }
  }

  private void tell(
      Grant grant, TokenRequestEvent.Outcome outcome, long started, Optional<String> requestId) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    notify(
        listener,
        () ->
            listener.tokenRequested(
                new TokenRequestEvent(grant.grantType(), outcome, took, requestId)));
  }

  /** Runs a listener callback; a listener that throws is logged, never allowed to break a flow. */
  static void notify(TokenListener listener, Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("Token listener {} failed; ignored", listener.getClass().getName(), e);
    }
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }
}
