package se.krebit.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.krebit.auth.TokenSource;

/** {@code krebit token}: prints an access token and nothing else, for {@code curl -H "Authorization: Bearer $(krebit token)"}. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print an access token, and nothing else, to standard output:",
      "  curl -H \"Authorization: Bearer $(krebit token)\" https://acme.krebit.se/api/1.0/me",
      "Without --subject, an app-only token of the client (client-credentials grant); with it, the token of a"
          + " user signed in with krebit login, refreshed (and its rotated refresh token stored) when needed.",
      "The token is a credential: don't paste it anywhere others can read it."
    })
final class TokenCommand extends KrebitCommand {
  @Mixin TenantOptions tenant;
  @Mixin SecretOptions secret;

  @Option(
      names = "--subject",
      arity = "0..1",
      paramLabel = "S",
      fallbackValue = "${sys:user.name}",
      description = "The token of user S, signed in with krebit login; --subject alone means your OS user name"
          + " (${sys:user.name}), login's default.")
  @Nullable String subject;

  @Override
  void run() {
    try (Session session = Session.open(tenant, secret, environment(), err())) {
      TokenSource tokens = subject == null ? session.appTokens() : session.userTokens(subject);
      out().println(tokens.token().value());
    }
  }
}
