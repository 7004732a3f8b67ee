package se.krebit.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * A token endpoint that tells a {@link TokenListener} of every exchange, from its start: one place
 * for every flow.
 */
final class ObservedEndpoint implements TokenEndpoint {
  // A token response is only built from a 200 answer (RFC 6749 section 5.1).
  private static final OptionalInt OK = OptionalInt.of(200);

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
    String grantType = grant.grantType();
    TokenListener.Span<?> cause = Spans.cause();
    TokenListener.Span<TokenRequestEvent> span =
        Spans.start(listener, () -> listener.tokenRequestStarted(grantType, cause));
    long started = System.nanoTime();
    try {
      TokenResponse response = endpoint.exchange(client, grant);
      stop(span, grantType, TokenRequestEvent.Outcome.SUCCESS, started, response.requestId(), OK);
      return response;
    } catch (RuntimeException failure) {
      Optional<String> requestId =
          failure instanceof KrebitException k ? k.requestId() : Optional.empty();
      stop(
          span,
          grantType,
          TokenRequestEvent.Outcome.of(failure),
          started,
          requestId,
          TokenRequestEvent.statusOf(failure));
      throw failure;
    }
  }

  private static void stop(
      TokenListener.Span<TokenRequestEvent> span,
      String grantType,
      TokenRequestEvent.Outcome outcome,
      long started,
      Optional<String> requestId,
      OptionalInt status) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Spans.stop(span, new TokenRequestEvent(grantType, outcome, took, requestId, status));
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }
}
