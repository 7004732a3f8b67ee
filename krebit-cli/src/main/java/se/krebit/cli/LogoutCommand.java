package se.krebit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krebit logout}: forgets a signed-in user's tokens. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a signed-in user's stored tokens from the token store (see --store-dir).",
      "Krebit's guide names no revocation endpoint, so the refresh token stays valid at Krebit until it expires;"
          + " deleting it here is what a client can do. Needs no client secret."
    })
final class LogoutCommand extends KrebitCommand {
  @Mixin TenantOptions tenant;

  @Option(
      names = "--subject",
      paramLabel = "S",
      defaultValue = "${sys:user.name}",
      description =
          "Whose tokens to delete; default: your OS user name (${DEFAULT-VALUE}), as for krebit login.")
  String subject;

  @Override
  void run() {
    try (Session session = Session.open(tenant, null, environment(), err())) {
      boolean existed = session.store().delete(session.tokenKey(subject));
      out()
          .printf(
              existed
                  ? "Signed out %s at %s: the stored tokens are deleted.%n"
                  : "No tokens were stored for %s at %s; nothing to delete.%n",
              subject,
              session.tenantName());
    }
  }
}
