package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandaloneOptionsTest {
  @Test
  void readsEveryOptionInBothSpellings() {
    StandaloneOptions options = StandaloneOptions.parse(
        "--port", "9000", "--client", "a:secret:with:colons", "--client=b:x", "--token-lifetime=60");

    assertThat(options.port()).isEqualTo(9000);
    assertThat(options.apps()).extracting(RegisteredApp::clientId).containsExactly("a", "b");
    assertThat(options.apps().get(0).secret().reveal()).isEqualTo("secret:with:colons");
    assertThat(options.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.help()).isFalse();
  }

  @Test
  void defaultsToPort8089AndAnHour() {
    StandaloneOptions options = StandaloneOptions.parse("--client", "demo-client:demo-secret");

    assertThat(options.port()).isEqualTo(8089);
    assertThat(options.tokenLifetime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void helpNeedsNoClient() {
    assertThat(StandaloneOptions.parse("--help").help()).isTrue();
    assertThat(StandaloneOptions.parse("--port", "1", "-h").help()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''                                       | at least one --client",
    "--port 8089                              | at least one --client",
    "--client                                 | --client needs a value",
    "--client demo                            | ID:SECRET",
    "--client :secret                         | ID:SECRET",
    "--client demo:                           | ID:SECRET",
    "--client a:x --client a:y                | given twice",
    "--client a:x --port                      | --port needs a value",
    "--client a:x --port http                 | --port must be a whole number from 0 to 65535, was 'http'",
    "--client a:x --port 70000                | from 0 to 65535",
    "--client a:x --token-lifetime 0          | --token-lifetime must be a whole number from 1",
    "--client a:x --verbose                   | unknown option '--verbose'",
    "--client a:x extra                       | unknown option 'extra'",
  })
  void namesTheFirstProblemOnOneLine(String commandLine, String expected) {
    String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split(" +");

    assertThatThrownBy(() -> StandaloneOptions.parse(args))
        .isInstanceOf(StandaloneOptions.UsageException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void neverEchoesASecretInAnError() {
    assertThatThrownBy(() -> StandaloneOptions.parse("--client", "bad\tid:hunter2"))
        .hasMessageNotContaining("hunter2");
  }
}
