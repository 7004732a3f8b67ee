package se.krebit.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HostileResponsesTest {

  @Test
  void eachSavedResponseIsRawHttpBytes() {
    assertThat(HostileResponses.bytes("fd-leak-bad-status-line.http"))
        .isEqualTo("HTTP/1.1 2x0 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(HostileResponses.bytes("fd-leak-blank-lines.http")).containsExactly('\r', '\n', ' ', '\r', '\n', ' ', '\r', '\n');
  }

  @Test
  void refusesAResponseThatWasNeverSaved() {
    assertThatThrownBy(() -> HostileResponses.bytes("../../docs/users.txt")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The responses in the jar are the project's shared copy, byte for byte. The shared copy sits beside
   * the repository ({@code ../shared/hostile-responses}); {@code .ci/run} makes the same comparison.
   */
  @Test
  void theSavedResponsesAreTheSharedCopyWhereThatIsPresent() throws IOException {
    Path shared = Path.of("..", "..", "shared", "hostile-responses").toAbsolutePath().normalize();
    if (!Files.isDirectory(shared)) {
      System.out.println("[krebit] shared hostile responses NOT COMPARED: " + shared + " is absent; .ci/run compares them when present");
      assertThat(HostileResponses.NAMES).allSatisfy(name -> assertThat(HostileResponses.bytes(name)).isNotEmpty());
      return;
    }
    try (Stream<Path> files = Files.list(shared)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(HostileResponses.NAMES);
    }
    for (String name : HostileResponses.NAMES) {
      assertThat(HostileResponses.bytes(name)).as(name).isEqualTo(Files.readAllBytes(shared.resolve(name)));
    }
  }
}
