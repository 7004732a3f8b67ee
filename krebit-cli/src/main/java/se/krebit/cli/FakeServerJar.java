package se.krebit.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where {@code krebit demo} and {@code --fake} find the fake Krebit server: not in {@code
 * krebit.jar}, which carries no WireMock, Jetty or JUnit, but in the fake's standalone jar beside
 * it, {@value #FILE_NAME}, which {@code krebit.jar}'s manifest puts on the class path (the build of
 * {@code krebit-cli} copies it there). A missing jar is a typed error before any fake class is
 * touched.
 */
final class FakeServerJar {
  static final String FILE_NAME = "krebit-fake-server.jar";
  private static final String FAKE_CLASS = "se.krebit.testkit.FakeKrebitServer";

  private FakeServerJar() {}

  /**
   * Checks that the fake server can be loaded.
   *
   * @throws CliException with {@link ExitCode#FAKE_SERVER_MISSING}, naming where the jar was looked
   *     for
   */
  static void require() {
    try {
      Class.forName(FAKE_CLASS, false, FakeServerJar.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CliException(
          ExitCode.FAKE_SERVER_MISSING,
          "The fake Krebit server is not available: "
              + expectedAt()
                  .map(
                      path -> path + (Files.exists(path) ? " cannot be loaded" : " does not exist"))
                  .orElse(FILE_NAME + " is not beside krebit.jar")
              + ". The build puts it there: ./mvnw -B -q -pl krebit-cli -am package -DskipTests",
          e);
    }
  }

  /**
   * Where the manifest's Class-Path looks for the jar: beside {@code krebit.jar}, when run from a
   * jar.
   */
  static Optional<Path> expectedAt() {
    CodeSource source = FakeServerJar.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(location)
          ? Optional.of(location.resolveSibling(FILE_NAME))
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
