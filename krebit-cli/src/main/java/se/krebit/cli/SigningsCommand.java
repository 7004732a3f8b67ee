package se.krebit.cli;

import feign.Param;
import feign.RequestLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.krebit.api.Document;
import se.krebit.api.NewSigning;
import se.krebit.api.Signing;
import se.krebit.api.Signings;

/**
 * {@code krebit signings}: the signing steps of Krebit's quickstart from a terminal, as {@link
 * Signings} does them. Ids go to standard output alone, for scripts; what Krebit sent is made
 * printable first.
 */
@Command(
    name = "signings",
    mixinStandardHelpOptions = true,
    description = {
      "Create draft signings, upload PDFs into them, list and read them: the steps of Krebit's signing quickstart.",
      "  id=$(krebit signings create --name 'Demo agreement' --language EN --signing-order sequential)",
      "  krebit signings upload \"$id\" document.pdf",
      "Sending a signing and adding recipients have no documented path; see the README."
    },
    subcommands = {
      SigningsCommand.Create.class,
      SigningsCommand.Upload.class,
      SigningsCommand.ListSignings.class,
      SigningsCommand.Get.class
    })
final class SigningsCommand implements Runnable {
  private static final int MAX_VALUE_LENGTH = 200;

  @Spec CommandLine.Model.CommandSpec spec;

  /** {@code krebit signings} alone: say that a subcommand is missing. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: krebit signings create, upload, list or get");
  }

  /** What every signings subcommand talks to, and as whom. */
  abstract static class SigningsSubcommand extends KrebitCommand {
    @Mixin TenantOptions tenant;
    @Mixin SecretOptions secret;
    @Mixin SubjectOption subject;

    @Override
    final void run() throws Exception {
      try (Session session = Session.open(tenant, secret, environment(), err())) {
        run(session);
      }
    }

    abstract void run(Session session) throws Exception;

    final Signings signings(Session session) {
      return session.api(subject.tokens(session)).signings();
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a draft signing (POST /api/1.0/signings) and print its id.",
        "Krebit checks the values: an unsupported language or a message over 400 characters is refused (exit 8)."
      })
  static final class Create extends SigningsSubcommand {
    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "The signing's name, such as 'Demo agreement'.")
    @Nullable String name;

    @Option(
        names = "--language",
        paramLabel = "CODE",
        description = "Its language code, such as EN.")
    @Nullable String language;

    @Option(
        names = "--signing-order",
        paramLabel = "ORDER",
        description = "How recipients take turns, such as sequential.")
    @Nullable String signingOrder;

    @Option(names = "--message", paramLabel = "TEXT", description = "The message to recipients.")
    @Nullable String message;

    @Override
    void run(Session session) {
      NewSigning.Builder draft = NewSigning.builder();
      if (name != null) {
        draft.name(name);
      }
      if (language != null) {
        draft.language(language);
      }
      if (signingOrder != null) {
        draft.signingOrder(signingOrder);
      }
      if (message != null) {
        draft.message(message);
      }
      out().println(printable(signings(session).create(draft.build()).id()));
    }
  }

  @Command(
      name = "upload",
      mixinStandardHelpOptions = true,
      description = {
        "Upload a PDF into a draft signing (POST /api/1.0/signings/ID/documents, field selected_file) and print the"
            + " document's id.",
        "The file must begin with %PDF- and be under 10 MiB; it is streamed, not read into memory."
      })
  static final class Upload extends SigningsSubcommand {
    @Parameters(index = "0", paramLabel = "SIGNING_ID", description = "The draft signing's id.")
    String signingId = "";

    @Parameters(index = "1", paramLabel = "FILE", description = "The PDF to upload.")
    Path file = Path.of("");

    @Override
    void run(Session session) {
      Document document = signings(session).upload(signingId, file);
      out().println(printable(document.id()));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List signings (GET /api/1.0/signings), following Krebit's pages: one line each, id and name, tab-separated."
      })
  static final class ListSignings extends SigningsSubcommand {
    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Stop after N signings; pages beyond them are not asked for.")
    @Nullable Integer limit;

    @Override
    void run(Session session) {
      if (limit != null && limit < 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--limit must not be negative");
      }
      Stream<Signing> all = signings(session).list();
      (limit == null ? all : all.limit(limit))
          .forEach(
              signing ->
                  out()
                      .println(
                          printable(signing.id()) + "\t" + printable(signing.name().orElse(""))));
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Print one signing (GET /api/1.0/signings/ID). No saved Krebit page shows this path: it is the REST"
            + " convention of the documented collection, assumed."
      })
  static final class Get extends SigningsSubcommand {
    @Parameters(index = "0", paramLabel = "SIGNING_ID", description = "The signing's id.")
    String signingId = "";

    @Option(
        names = "--json",
        description =
            "Print Krebit's JSON as it came, instead of a summary (once it is known to be"
                + " JSON; characters a terminal would act on are printed as JSON escapes).")
    boolean json;

    /** The same call, with the body as sent. */
    interface RawSigning {
      @RequestLine("GET /signings/{id}")
      String get(@Param("id") String id);
    }

    @Override
    void run(Session session) {
      Signing signing = signings(session).get(signingId); // checks the id before anything is sent
      if (json) {
        out()
            .println(
                TerminalText.printableJson(
                    session.api(subject.tokens(session)).api(RawSigning.class).get(signing.id()),
                    "GET /signings/{id}"));
        return;
      }
      PrintWriter out = out();
      line(out, "id", signing.id());
      line(out, "name", signing.name().orElse("(none)"));
      line(out, "language", signing.language().orElse("(none)"));
      line(out, "signing order", signing.signingOrder().orElse("(none)"));
      line(out, "message", signing.message().orElse("(none)"));
    }

    private static void line(PrintWriter out, String label, String value) {
      out.printf("%-14s %s%n", label + ":", printable(value));
    }
  }

  /** What Krebit sent, as one printable line: it can't move the cursor or clear the screen. */
  static String printable(String value) {
    return TerminalText.line(value, MAX_VALUE_LENGTH);
  }
}
