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
      "Call GET /api/1.0/me and print who the token acts as: its id, name, email and organization, for the app"
          + " (client credentials) or, with --subject, a user signed in with krebit login.",
      "A token the API refuses with 401 is dropped, a new one obtained and the call sent once more."
    })
final class MeCommand extends KrebitCommand {
  private static final int MAX_VALUE_LENGTH = 200;

  @Mixin TenantOptions tenant;
  @Mixin SecretOptions secret;
  @Mixin SubjectOption subject;

  @Option(
      names = "--json",
      description =
          "Print Krebit's JSON response as it came, instead of a summary (once it is known to be JSON;"
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
        out().println(TerminalText.printableJson(krebit.api(RawMe.class).me(), "GET /me"));
      } else {
        print(krebit.me(), session.tenantName(), out());
      }
    }
  }

  /**
   * What Krebit said, each value stripped of what a terminal would act on (escape sequences, bell,
   * …).
   */
  private static void print(Me me, String tenant, PrintWriter out) {
    out.printf("Krebit at %s knows this token as:%n", tenant);
    line(out, "id", me.id());
    line(out, "name", me.name().orElse("(none)"));
    line(out, "email", me.email().orElse("(none)"));
    line(
        out,
        "organization",
        me.organization()
            .map(org -> org.name().map(name -> name + " (" + org.id() + ")").orElse(org.id()))
            .orElse("(none)"));
    line(out, "roles", me.roles().isEmpty() ? "(none)" : String.join(", ", me.roles()));
  }

  /**
   * One labelled line; what Krebit sent is made printable first, so it can't steer the terminal.
   */
  private static void line(PrintWriter out, String label, String value) {
    out.printf("  %-13s %s%n", label + ":", TerminalText.line(value, MAX_VALUE_LENGTH));
  }
}
