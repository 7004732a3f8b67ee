package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandIT {
  @Test
  void theDemoWalksThroughTheClientCredentialsFlowWithoutShowingCredentials() {
    StringWriter out = new StringWriter();
    CommandLine cli = KrebitCli.commandLine();
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute("demo");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("1. First token() obtains a token")
        .contains("1 token request(s) in total")
        .contains("200 {\"id\":\"app_demo-client\"")
        .contains("refreshed ahead, in the background")
        .contains("401 for")
        .contains("InvalidClientException: invalid_client")
        .containsPattern("request_id req_[0-9a-f]+")
        .doesNotContain("demo-secret")
        .doesNotContain("not-the-secret");
  }
}
