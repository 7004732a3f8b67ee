package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code krebit.jar} carries, as {@code jar tf} lists it after {@code package}: none of
 * WireMock, Jetty or JUnit, which only the fake server needs and which come from its own jar beside
 * it; and what {@code krebit} does when that jar is missing.
 */
class ExecutableJarContentsIT {
  /** Entry prefixes of the libraries the production jar must never carry again. */
  private static final List<String> FORBIDDEN =
      List.of(
          "com/github/tomakehurst/",
          "org/wiremock/",
          "wiremock/",
          "org/eclipse/jetty/",
          "org/junit/",
          "org/opentest4j/",
          "se/krebit/testkit/");

  @TempDir Path home;
  @TempDir Path elsewhere;

  @Test
  void carriesNoWireMockJettyJUnitOrFake() throws IOException {
    try (JarFile jar = new JarFile(CliProcess.JAR.toFile())) {
      List<String> entries = jar.stream().map(ZipEntry::getName).toList();

      assertThat(entries)
          .contains("se/krebit/cli/KrebitCli.class", "se/krebit/auth/TokenSource.class");
      assertThat(entries)
          .filteredOn(name -> FORBIDDEN.stream().anyMatch(name::startsWith))
          .isEmpty();
      assertThat(entries)
          .filteredOn(name -> name.toLowerCase(Locale.ROOT).contains("wiremock"))
          .isEmpty();
      assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path"))
          .isEqualTo(FakeServerJar.FILE_NAME);
    }
    assertThat(CliProcess.JAR.resolveSibling(FakeServerJar.FILE_NAME))
        .as("the build puts the fake beside it")
        .isRegularFile();
  }

  @Test
  void withoutTheFakesJarTheDemoAndTheFakeOptionFailWithTheirExitCode() throws IOException {
    Path alone = Files.copy(CliProcess.JAR, elsewhere.resolve("krebit.jar"));
    CliProcess krebit = new CliProcess(home, alone);

    CliProcess.Result demo = krebit.run("demo");
    CliProcess.Result me = krebit.run("me", "--fake");
    CliProcess.Result noTenant = krebit.run("token");

    assertThat(List.of(demo, me))
        .allSatisfy(
            run -> {
              assertThat(run.exitCode())
                  .as(run.stderr())
                  .isEqualTo(ExitCode.FAKE_SERVER_MISSING.code());
              assertThat(run.stderr())
                  .contains(
                      "The fake Krebit server is not available: "
                          + elsewhere.resolve(FakeServerJar.FILE_NAME)
                          + " does not exist")
                  .doesNotContain("Exception");
              assertThat(run.stdout()).isEmpty();
            });
    assertThat(noTenant.exitCode())
        .as("a command without --fake loads no fake: " + noTenant.stderr())
        .isEqualTo(ExitCode.CONFIGURATION.code());
  }
}
