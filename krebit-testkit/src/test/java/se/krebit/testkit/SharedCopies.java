package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Files the test kit ships as saved copies of the project's shared folder (Krebit's pages, the
 * hostile responses): the copies in the jar must be the shared ones, byte for byte, where that
 * folder sits beside the repository; {@code .ci/run} makes the same comparison. CI may lack the
 * folder: then only that every copy is there is checked, and the run says so.
 */
public final class SharedCopies {
  private SharedCopies() {}

  /**
   * @param folder the shared folder's name, beside the repository ({@code ../shared/<folder>})
   * @param names every file the test kit saved from it
   * @param saved the bytes the test kit ships for a name
   */
  public static void assertSavedAsShared(
      String folder, Set<String> names, Function<String, byte[]> saved) throws IOException {
    Path shared = Path.of("..", "..", "shared", folder).toAbsolutePath().normalize();
    if (!Files.isDirectory(shared)) {
      System.out.println(
          "[krebit] shared "
              + folder
              + " NOT COMPARED: "
              + shared
              + " is absent; .ci/run compares them when present");
      assertThat(names).allSatisfy(name -> assertThat(saved.apply(name)).isNotEmpty());
      return;
    }
    try (Stream<Path> files = Files.list(shared)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(names);
    }
    for (String name : names) {
      assertThat(saved.apply(name)).as(name).isEqualTo(Files.readAllBytes(shared.resolve(name)));
    }
  }
}
