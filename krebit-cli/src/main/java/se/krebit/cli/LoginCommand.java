package se.krebit.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.CompletedAuthorization;

/**
 * {@code krebit login}: the authorization-code flow with PKCE for a person at a terminal, with the
 * loopback redirect of RFC 8252.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a user in with the authorization-code flow and PKCE, and store the user's tokens in the token store"
          + " (see --store-dir).",
      "krebit listens on http://127.0.0.1:PORT/callback (RFC 8252 loopback redirect), prints the sign-in URL and"
          + " opens it in your browser when it can; after you approve, Krebit redirects the browser there, and"
          + " krebit checks the state, exchanges the code and stores the tokens.",
      "Krebit accepts only redirect URIs registered with your application, exactly: register"
          + " http://127.0.0.1:PORT/callback under /developer/my-apps and pin that port with --port (or"
          + " krebit.login.port in the config file)."
    })
final class LoginCommand extends KrebitCommand {
  @Mixin TenantOptions tenant;
  @Mixin SecretOptions secret;

  @Option(
      names = "--subject",
      paramLabel = "S",
      defaultValue = "${sys:user.name}",
      description = "Whom the tokens are stored for, your name for the user (krebit token --subject S uses them);"
          + " default: your OS user name (${DEFAULT-VALUE}).")
  String subject;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port of the loopback redirect URI. Else KREBIT_LOGIN_PORT, else krebit.login.port in"
          + " the config file, else 0: a free port, which suits authorization servers that allow any loopback"
          + " port (RFC 8252 §7.3).")
  @Nullable Integer port;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long to wait for the browser to come back: 90s, 5m, PT5M…; default ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--no-browser", description = "Don't try to open a browser; only print the URL to open.")
  boolean noBrowser;

  @Override
  void run() {
    ConfigSources settings = tenant.fake ? null : ConfigSources.load(tenant, environment());
    int listenOn = port != null ? port : settings == null ? 0 : settings.loginPort();
    try (LoopbackReceiver receiver = LoopbackReceiver.start(listenOn, err());
        Session session = settings == null
            ? Session.fake(Optional.of(new Session.FakeSignIn(receiver.redirectUri(), subject)),
                Optional.ofNullable(tenant.tokenPath), environment(), err())
            : Session.configured(settings, secret, environment(), err())) {
      AuthorizationCodeFlow flow = session.flow(receiver.redirectUri()); // registered now that the port is known
      receiver.completeWith(flow::complete);
      AuthorizationRedirect redirect = flow.begin(receiver.redirectUri(), subject);
      out().printf("To sign in to Krebit at %s as %s, open:%n  %s%n", session.tenantName(), subject, redirect.uri());
      out().printf("Waiting up to %s for the browser to come back to %s …%n",
          DurationConverter.format(timeout), receiver.redirectUri());
      out().flush();
      open(redirect.uri(), session.isFake());
      CompletedAuthorization done = receiver.await(timeout);
      out().printf("Signed in as %s at %s. Tokens stored in %s.%n",
          done.subject(), session.tenantName(), session.storeDescription());
    }
  }

  private void open(URI uri, boolean fake) {
    if (fake) {
      new HttpBrowser().open(uri); // the fake consents at once; an HTTP client plays the browser
    } else if (noBrowser || !environment().browser().open(uri)) {
      out().println("No browser was opened: open the URL above in a browser on this machine.");
      out().flush();
    }
  }
}
