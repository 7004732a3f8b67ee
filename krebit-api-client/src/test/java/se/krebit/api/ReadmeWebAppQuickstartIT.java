package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AuthorizationCallbackException.AuthorizationError;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's web-app quickstart, verbatim between the {@code README} markers, against the fake
 * server: an HTTP client plays the browser, which the fake redirects to the app's callback.
 */
class ReadmeWebAppQuickstartIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT = FakeKrebitExtension.builder()
      .app(TestClients.CLIENT_ID, TestClients.SECRET, TestClients.ROLE)
      .redirectUri(TestClients.CLIENT_ID, SignIn.CALLBACK.toString())
      .userRoles("alice", "signer")
      .build();

  // README:begin web-app-quickstart
  /** The sign-in part of a web application, framework aside: route each method. */
  static final class SignIn {
    static final URI CALLBACK = URI.create("https://app.example/oauth/callback"); // exactly as registered

    private final Krebit krebit;
    private final AuthorizationCodeFlow flow;

    /** {@code krebit} from a configuration with {@code .redirectUri(CALLBACK)}. */
    SignIn(Krebit krebit) {
      this.krebit = krebit;           // tokens in memory; for a cluster, see the JDBC and Vault stores
      this.flow = krebit.signIn();    // the same tenant, client, endpoint and token store
    }

    /** GET /login: redirect (302) the browser to the URI returned. */
    URI login(String userId) {
      return flow.begin(userId, Set.of(), Optional.of("/documents/42")).uri(); // back to CALLBACK
    }

    /** GET /oauth/callback?code=…&state=…: checks it, exchanges the code, stores the tokens. */
    String callback(URI requestUri) {                              // the full URI, query included
      return flow.complete(requestUri).returnTo().orElse("/");     // redirect the browser here
    }

    /** Any later request of that user, on any node sharing the token store. */
    Me me(String userId) {
      return krebit.clientFor(userId).me();                        // refreshed as needed
    }
  }
  // README:end web-app-quickstart

  private static Krebit krebit(FakeKrebitServer server) {
    return Krebit.of(KrebitAuthConfig.builder()
        .tenant(server.tenant())
        .clientId(TestClients.CLIENT_ID)
        .clientSecret(() -> ClientSecret.of(TestClients.SECRET))
        .redirectUri(SignIn.CALLBACK)
        .http(TestClients.fast().build())
        .build());
  }

  private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void aUserSignsInAndTheAppCallsKrebitAsThatUser(FakeKrebitServer server) throws Exception {
    server.consent().approveAs("alice");
    SignIn app = new SignIn(krebit(server));

    URI callback = consent(app.login("alice"));

    assertThat(app.callback(callback)).isEqualTo("/documents/42");
    Me me = app.me("alice");
    assertThat(me.id()).isEqualTo("alice");
    assertThat(me.roles()).containsExactly("signer");
  }

  @Test
  void aDeclinedConsentIsTheTypedError(FakeKrebitServer server) throws Exception {
    server.consent().denyNext();
    SignIn app = new SignIn(krebit(server));

    URI callback = consent(app.login("alice"));

    assertThatThrownBy(() -> app.callback(callback))
        .isInstanceOfSatisfying(AuthorizationError.class, e -> assertThat(e.isAccessDenied()).isTrue());
  }

  /** What the browser does: asks Krebit, which answers with a redirect to the callback. */
  private URI consent(URI authorize) throws Exception {
    HttpResponse<Void> answer = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }
}
