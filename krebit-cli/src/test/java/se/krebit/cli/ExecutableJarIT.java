package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar, as the README runs it: {@code java -jar krebit-cli/target/krebit.jar demo}, in a
 * process of its own with its real logging (slf4j-simple).
 */
class ExecutableJarIT {
  private static final Path JAR = Path.of("target", "krebit.jar");
  /** What a token, code or secret of the fake looks like: 43 characters of URL-safe base64. */
  private static final String CREDENTIAL = "[A-Za-z0-9_-]{43}";

  @TempDir Path home;

  record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void runsTheDemo() throws Exception {
    Result demo = java("demo");

    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout()).contains("Krebit Auth demo.").contains("14. A wrong client secret").contains("Done:");
    assertThat(demo.stderr()).isEmpty();
  }

  @Test
  void printsNoCredentialWithVerboseLogging() throws Exception {
    Result me = java("me", "--fake", "--verbose");
    Result login = java("login", "--fake", "--subject", "alice", "--verbose");

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
  void failsWithTheExitCodeOfTheFailure() throws Exception {
    Result noTenant = java("token");

    assertThat(noTenant.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(noTenant.stderr()).startsWith("krebit token: No tenant is configured");
  }

  private Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home, "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(home.resolve("stdout").toFile())
        .redirectError(home.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KREBIT_"));
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("krebit %s finished", args[0]).isTrue();
    return new Result(process.exitValue(), Files.readString(home.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8));
  }
}
