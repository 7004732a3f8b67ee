package se.krebit.cli;

import picocli.CommandLine.Command;

/**
 * {@code krebit demo}: the library at work against a fake Krebit server started in this process
 * (from the fake's jar beside {@code krebit.jar}, see {@link FakeServerJar}), step by step, with
 * each step's requests, {@code request_id}s and time. Token values are shown as fingerprints only.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walk through what the library does, against a fake Krebit server started in this process.",
      "Step by step, each with its requests, their request_id and the time taken: client credentials and GET /api/1.0/me (1,000,000 cached token() calls cost one token request);"
          + " Krebit's signing quickstart (a draft, a PDF uploaded into it, the list);"
          + " a user's sign-in with the authorization code and PKCE, the tokens stored encrypted in an embedded H2"
          + " database; two refreshes with refresh-token rotation; a revoked token answered with 401 and"
          + " recovered from; a declined consent and a wrong client secret as typed errors; the quickstart's draft"
          + " sent, and the signing.sent webhook it raises, signed and delivered by the fake, verified by a receiver"
          + " in this process, and a tampered copy refused.",
      "Needs no configuration and no network; token values are shown as SHA-256 fingerprints only."
    })
final class DemoCommand extends KrebitCommand {
  @Override
  void run() throws Exception {
    FakeServerJar.require(); // before Demo, whose class names the fake's
    try (Demo demo = Demo.start(out())) {
      demo.run();
    }
  }
}
