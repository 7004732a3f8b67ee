package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar, as the README runs it: {@code java -jar krebit-cli/target/krebit.jar demo},
 * in a process of its own with its real logging (slf4j-simple).
 */
class ExecutableJarIT {
  /** What a token, code or secret of the fake looks like: 43 characters of URL-safe base64. */
  private static final String CREDENTIAL = "[A-Za-z0-9_-]{43}";

  @TempDir Path home;

  @Test
  void runsTheDemo() {
    CliProcess.Result demo = java("demo");

    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout())
        .contains("Krebit Auth demo.")
        .contains("14. A wrong client secret")
        .contains("Done:");
    assertThat(demo.stderr()).isEmpty();
  }

  @Test
  void printsNoCredentialWithVerboseLogging() {
    CliProcess.Result me = java("me", "--fake", "--verbose");
    CliProcess.Result login = java("login", "--fake", "--subject", "alice", "--verbose");

    assertThat(me.exitCode()).as(me.stderr()).isZero();
    assertThat(me.stderr()).as("the library's debug log").contains("DEBUG");
    assertThat(me.stdout() + me.stderr()).doesNotContainPattern(CREDENTIAL);
    assertThat(login.exitCode()).as(login.stderr()).isZero();
    // the sign-in URL the user must open carries state and code challenge; nothing else may
    assertThat(login.stdout().lines().filter(line -> !line.contains("/oauth/authorize?")).toList())
        .noneMatch(line -> line.matches(".*" + CREDENTIAL + ".*"));
    assertThat(login.stderr()).doesNotContainPattern(CREDENTIAL);
  }

  @Test
  void failsWithTheExitCodeOfTheFailure() {
    CliProcess.Result noTenant = java("token");

    assertThat(noTenant.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(noTenant.stderr()).startsWith("krebit token: No tenant is configured");
  }

  private CliProcess.Result java(String... args) {
    return new CliProcess(home).run(args);
  }
}
