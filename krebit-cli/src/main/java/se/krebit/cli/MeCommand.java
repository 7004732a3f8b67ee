package se.krebit.cli;

import feign.RequestLine;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.krebit.api.KrebitClient;
import se.krebit.api.Me;

/** {@code krebit me}: who Krebit says the token acts as. */
@Command(
    name = "me",
    mixinStandardHelpOptions = true,
    description = {
      "Call GET /api/1.0/me and print who the token acts as: the app (client credentials) or, with --subject,"
          + " a user signed in with krebit login.",
      "A token the API refuses with 401 is dropped, a new one obtained and the call sent once more."
    })
final class MeCommand extends KrebitCommand {
  @Mixin TenantOptions tenant;
  @Mixin SecretOptions secret;
  @Mixin SubjectOption subject;

  @Option(names = "--json", description = "Print Krebit's JSON response as it came, instead of a summary.")
  boolean json;

  /** The same call as {@link KrebitClient#me()}, with the body as sent. */
  interface RawMe {
    @RequestLine("GET /me")
    String me();
  }

  @Override
  void run() {
    try (Session session = Session.open(tenant, secret, environment(), err())) {
      KrebitClient krebit = session.api(subject.tokens(session));
      if (json) {
        out().println(krebit.api(RawMe.class).me());
      } else {
        print(krebit.me(), session.tenantName(), out());
      }
    }
  }

  private static void print(Me me, String tenant, PrintWriter out) {
    out.printf("Krebit at %s knows this token as:%n", tenant);
    out.printf("  id:        %s%n", me.id());
    out.printf("  type:      %s%n", me.type());
    me.clientId().ifPresent(clientId -> out.printf("  client id: %s%n", clientId));
    out.printf("  roles:     %s%n", me.roles().isEmpty() ? "(none)" : String.join(", ", me.roles()));
  }
}
