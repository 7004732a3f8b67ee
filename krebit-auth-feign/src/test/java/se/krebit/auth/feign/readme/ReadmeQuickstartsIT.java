package se.krebit.auth.feign.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.CompletedAuthorization;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's quickstarts, as written there, run against the fake server: the tenant is the fake's,
 * and a tiny stand-in plays the servlet request and response.
 */
class ReadmeQuickstartsIT {
  private static final String CALLBACK = "http://127.0.0.1:9999/oauth/callback";

  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder()
      .app("demo-client", "demo-secret")
      .redirectUri("demo-client", CALLBACK)
      .autoApprove("alice")
      .build();

  @Test
  void clientCredentials(FakeKrebitServer server) {
    Tenant yourco = server.tenant();
    String clientId = "demo-client";
    String clientSecret = "demo-secret";

    TokenSource tokens = ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(yourco).build())
        .client(ClientCredentials.of(clientId, clientSecret))
        .build();

    String authorization = tokens.token().authorizationHeader();   // "Bearer eyJhbGciOi..."

    assertThat(authorization).startsWith("Bearer ");
  }

  @Test
  void authorizationCode(FakeKrebitServer server) throws Exception {
    Tenant yourco = server.tenant();
    String clientId = "demo-client";
    String clientSecret = "demo-secret";
    String userId = "user-42";
    Browser response = new Browser();

    AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()
        .tenant(yourco)
        .client(ClientCredentials.of(clientId, clientSecret))
        .endpoint(FeignTokenEndpoint.builder().tenant(yourco).build())
        .redirectUri(URI.create(CALLBACK))     // exactly as registered
        .build();

    // GET /login: send the browser to Krebit.
    AuthorizationRedirect redirect = flow.begin(
        URI.create(CALLBACK), userId, Set.of(), Optional.of("/documents/42"));
    response.sendRedirect(redirect.uri().toString());

    // GET /oauth/callback?code=…&state=…: check the callback, exchange the code, store the tokens.
    Browser request = response;
    CompletedAuthorization done = flow.complete(URI.create(request.getRequestURL() + "?" + request.getQueryString()));
    response.sendRedirect(done.returnTo().orElse("/"));            // only relative paths or allow-listed origins

    // Any later request of that user, on any node sharing the store:
    String authorization = flow.forSubject(userId).token().authorizationHeader();

    assertThat(authorization).startsWith("Bearer ");
    assertThat(response.location).isEqualTo("/documents/42");
  }

  /** Plays both the servlet response (redirects) and the browser that follows them to the callback. */
  private static final class Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private URI callback;
    String location;

    void sendRedirect(String target) throws Exception {
      location = target;
      if (target.startsWith("http")) {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(target)).build(),
            HttpResponse.BodyHandlers.discarding());
        callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
      }
    }

    String getRequestURL() {
      return callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath();
    }

    String getQueryString() {
      return callback.getRawQuery();
    }
  }
}
