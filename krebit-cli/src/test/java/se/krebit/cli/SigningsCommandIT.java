package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.FakeSigning;
import se.krebit.testkit.SamplePdf;

/**
 * {@code krebit signings}: the quickstart's steps from a shell, ids alone on standard output for
 * scripts, refusals as one line with Krebit's field messages and exit code 8.
 */
class SigningsCommandIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();

  @TempDir Path home;
  private Cli cli;

  @BeforeEach
  void configure(FakeKrebitServer server) {
    cli = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET);
  }

  @Test
  void theQuickstartFromAShell(FakeKrebitServer server) throws Exception {
    Path pdf = Files.write(home.resolve("document.pdf"), SamplePdf.document("Please sign"));

    Cli.Run create =
        cli.run(
            "signings",
            "create",
            "--name",
            "Demo agreement",
            "--language",
            "EN",
            "--signing-order",
            "sequential",
            "--message",
            "Please sign by Friday.");
    String id = create.out().strip();
    Cli.Run upload = cli.run("signings", "upload", id, pdf.toString());
    Cli.Run list = cli.run("signings", "list");
    Cli.Run get = cli.run("signings", "get", id);
    Cli.Run json = cli.run("signings", "get", id, "--json");

    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(upload.exitCode()).as(upload.err()).isZero();
    FakeSigning held = server.signings().find(id).orElseThrow();
    assertThat(upload.out().strip()).isEqualTo(held.documents().get(0).id());
    assertThat(list.out()).isEqualTo(id + "\tDemo agreement" + System.lineSeparator());
    assertThat(get.out())
        .contains(
            "id:            " + id,
            "name:          Demo agreement",
            "language:      EN",
            "signing order: sequential",
            "message:       Please sign by Friday.");
    assertThat(json.out()).startsWith("{\"data\":{\"id\":\"" + id + "\"");
    assertThat(create.err() + upload.err() + list.err() + get.err()).isEmpty();
  }

  @Test
  void aRefusalIsOneLineWithTheFieldMessagesAndExitCode8() {
    Cli.Run run =
        cli.run(
            "signings", "create", "--name", "x", "--language", "XX", "--message", "m".repeat(401));

    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_REQUEST.code()).isEqualTo(8);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .matches(
            "krebit signings create: POST /api/1\\.0/signings answered HTTP 400: Krebit refused the"
                + " request's content \\(language: unsupported_language; message: too_long\\)\\. Server said: The given data was"
                + " invalid\\. \\(request_id req_[0-9a-f]{24}\\)\\R");
  }

  @Test
  void aFileThatIsNoPdfIsRefusedBeforeAnythingIsSent(FakeKrebitServer server) throws Exception {
    Path text = Files.writeString(home.resolve("notes.txt"), "not a PDF");

    Cli.Run run = cli.run("signings", "upload", "any-id", text.toString());

    assertThat(run.exitCode()).isEqualTo(8);
    assertThat(run.err()).contains("it is not a PDF");
    assertThat(server.journal().apiRequestCount()).isZero();
  }

  @Test
  void listStopsAtTheLimitWithoutAskingForMorePages(FakeKrebitServer server) {
    for (int i = 0; i < 20; i++) {
      cli.run("signings", "create", "--name", "Signing " + i);
    }
    int before = server.journal().apiRequestCount();

    Cli.Run run = cli.run("signings", "list", "--limit", "3");

    assertThat(run.out().lines())
        .hasSize(3)
        .allMatch(line -> line.matches("[0-9a-f-]{36}\tSigning \\d+"));
    assertThat(server.journal().apiRequestCount() - before).isEqualTo(1);
  }

  @Test
  void worksAgainstTheEmbeddedFakeToo() {
    Cli.Run run = new Cli(home).run("signings", "create", "--fake", "--name", "Demo");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).matches("[0-9a-f-]{36}");
  }

  @Test
  void withoutASubcommandItSaysWhichThereAre() {
    Cli.Run run = new Cli(home).run("signings");

    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(run.err()).contains("Missing command: krebit signings create, upload, list or get");
  }
}
