package se.krebit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code krebit token}: prints an access token and nothing else, for {@code curl -H "Authorization:
 * Bearer $(krebit token)"}.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print an access token, and nothing else, to standard output.",
      "  curl -H \"Authorization: Bearer $(krebit token)\" https://acme.krebit.se/…",
      "Without --subject, an app-only token of the client (client-credentials grant); with it, the token of a"
          + " user signed in with krebit login, refreshed (and its rotated refresh token stored) when needed.",
      "The token is a credential: don't paste it anywhere others can read it."
    })
final class TokenCommand extends KrebitCommand {
  @Mixin TenantOptions tenant;
  @Mixin SecretOptions secret;
  @Mixin SubjectOption subject;

  @Override
  void run() {
    try (Session session = Session.open(tenant, secret, environment(), err())) {
      out().println(subject.tokens(session).token().value());
    }
  }
}
