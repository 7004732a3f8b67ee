package se.krebit.spring.boot;

import static java.util.Objects.requireNonNull;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;

/**
 * Gives {@code WebClient} requests to Krebit a bearer token from a {@link TokenSource}; when Krebit
 * answers 401, the token is invalidated and an idempotent request is sent once more with a new one.
 * Requests to other hosts pass through untouched.
 *
 * <p>The token comes from {@link TokenSource#tokenAsync()}: a cached token is there at once, on the
 * subscribing thread, and a token request blocks no thread (an event loop included) while it lasts;
 * the exchange continues on the thread that completes the token request.
 */
public final class KrebitExchangeFilterFunction implements ExchangeFilterFunction {
  private final Bearer bearer;

  KrebitExchangeFilterFunction(Bearer bearer) {
    this.bearer = requireNonNull(bearer, "bearer");
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (!bearer.appliesTo(request.url())) {
      return next.exchange(request);
    }
    return token()
        .flatMap(
            token ->
                next.exchange(withToken(request, token))
                    .flatMap(
                        response -> {
                          if (!bearer.sendsAgain(
                              response.statusCode().value(), request.method().name())) {
                            return Mono.just(response);
                          }
                          return response
                              .releaseBody()
                              .then(Mono.fromRunnable(() -> bearer.tokens().invalidate(token)))
                              .then(token())
                              .flatMap(fresh -> next.exchange(withToken(request, fresh)));
                        }));
  }

  private Mono<AccessToken> token() {
    return Mono.fromCompletionStage(bearer.tokens()::tokenAsync);
  }

  private static ClientRequest withToken(ClientRequest request, AccessToken token) {
    return ClientRequest.from(request)
        .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader()))
        .build();
  }

  @Override
  public String toString() {
    return "KrebitExchangeFilterFunction[" + bearer.origin() + "]";
  }
}
