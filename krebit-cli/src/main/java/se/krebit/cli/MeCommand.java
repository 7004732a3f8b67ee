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

  @Option(
      names = "--json",
      description = "Print Krebit's JSON response as it came, instead of a summary (once it is known to be JSON;"
          + " characters a terminal would act on are printed as JSON escapes).")
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
        out().println(printableJson(krebit.api(RawMe.class).me()));
      } else {
        print(krebit.me(), session.tenantName(), out());
      }
    }
  }

  /** Krebit's answer as it came, once it is known to be JSON, with nothing in it a terminal would act on. */
  private static String printableJson(String body) {
    try {
      return TerminalText.json(body);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.OTHER, "Krebit's answer to GET /me is not JSON, so it is not printed;"
          + " --verbose logs its request_id.");
    }
  }

  /** What Krebit said, each value stripped of what a terminal would act on (escape sequences, bell, …). */
  private static void print(Me me, String tenant, PrintWriter out) {
    out.printf("Krebit at %s knows this token as:%n", tenant);
    out.printf("  id:        %s%n", TerminalText.line(me.id()));
    out.printf("  type:      %s%n", TerminalText.line(me.type()));
    me.clientId().ifPresent(clientId -> out.printf("  client id: %s%n", TerminalText.line(clientId)));
    out.printf("  roles:     %s%n", me.roles().isEmpty() ? "(none)" : TerminalText.line(String.join(", ", me.roles())));
  }
}
