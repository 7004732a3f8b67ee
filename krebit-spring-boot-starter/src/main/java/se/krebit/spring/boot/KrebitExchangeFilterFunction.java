package se.krebit.spring.boot;

import static java.util.Objects.requireNonNull;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;

/**
 * Gives {@code WebClient} requests to Krebit a bearer token from a {@link TokenSource}; when Krebit
 * answers 401, the token is invalidated and an idempotent request is sent once more with a new one.
 * Requests to other hosts pass through untouched.
 *
 * <p>The token is taken on Reactor's bounded-elastic scheduler, never on an event-loop thread: a
 * cached token costs a thread hop, a token request blocks one bounded-elastic thread while it lasts
 * (core's {@code TokenSource} has no asynchronous {@code token} yet).
 */
public final class KrebitExchangeFilterFunction implements ExchangeFilterFunction {
  private final TokenSource tokens;
  private final BearerPolicy policy;

  KrebitExchangeFilterFunction(TokenSource tokens, BearerPolicy policy) {
    this.tokens = requireNonNull(tokens, "tokens");
    this.policy = requireNonNull(policy, "policy");
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (!policy.appliesTo(request.url())) {
      return next.exchange(request);
    }
    return token()
        .flatMap(
            token ->
                next.exchange(withToken(request, token))
                    .flatMap(
                        response -> {
                          if (response.statusCode().value() != 401
                              || !policy.retries(request.method().name())) {
                            return Mono.just(response);
                          }
                          return response
                              .releaseBody()
                              .then(Mono.fromRunnable(() -> tokens.invalidate(token)))
                              .then(token())
                              .flatMap(fresh -> next.exchange(withToken(request, fresh)));
                        }));
  }

  private Mono<AccessToken> token() {
    return Mono.fromCallable(tokens::token).subscribeOn(Schedulers.boundedElastic());
  }

  private static ClientRequest withToken(ClientRequest request, AccessToken token) {
    return ClientRequest.from(request)
        .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader()))
        .build();
  }

  @Override
  public String toString() {
    return "KrebitExchangeFilterFunction[" + policy.origin() + "]";
  }
}
