package se.krebit.spring.boot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;

/**
 * Gives requests to Krebit a bearer token from a {@link TokenSource}, for {@code RestClient} and
 * {@code RestTemplate}; when Krebit answers 401, the token is invalidated and an idempotent request
 * is sent once more with a new one. Many requests refused with the same token cause one token
 * request. Requests to other hosts pass through untouched.
 *
 * <pre>{@code
 * RestClient client = builder.baseUrl(krebit.config().tenant().apiBase().toString())
 *     .requestInterceptor(interceptor).build();
 * }</pre>
 */
public final class KrebitClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {
  private final Bearer bearer;

  KrebitClientHttpRequestInterceptor(Bearer bearer) {
    this.bearer = requireNonNull(bearer, "bearer");
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    if (!bearer.appliesTo(request.getURI())) {
      return execution.execute(request, body);
    }
    TokenSource tokens = bearer.tokens();
    AccessToken token = tokens.token();
    request.getHeaders().set(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
    ClientHttpResponse response = execution.execute(request, body);
    if (!bearer.sendsAgain(response.getStatusCode().value(), request.getMethod().name())) {
      return response;
    }
    response.close();
    tokens.invalidate(token);
    request.getHeaders().set(HttpHeaders.AUTHORIZATION, tokens.token().authorizationHeader());
    return execution.execute(request, body);
  }

  @Override
  public String toString() {
    return "KrebitClientHttpRequestInterceptor[" + bearer.origin() + "]";
  }
}
