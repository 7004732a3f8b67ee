package se.krebit.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import se.krebit.testkit.SharedCopies;

class HostileResponsesTest {

  @Test
  void eachSavedResponseIsRawHttpBytes() {
    assertThat(HostileResponses.bytes("fd-leak-bad-status-line.http"))
        .isEqualTo("HTTP/1.1 2x0 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(HostileResponses.bytes("fd-leak-blank-lines.http"))
        .containsExactly('\r', '\n', ' ', '\r', '\n', ' ', '\r', '\n');
  }

  @Test
  void refusesAResponseThatWasNeverSaved() {
    assertThatThrownBy(() -> HostileResponses.bytes("../../docs/users.txt"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The responses in the jar are the project's shared copy, byte for byte. The shared copy sits
   * beside the repository ({@code ../shared/hostile-responses}); {@code .ci/run} makes the same
   * comparison.
   */
  @Test
  void theSavedResponsesAreTheSharedCopyWhereThatIsPresent() throws IOException {
    SharedCopies.assertSavedAsShared(
        "hostile-responses", HostileResponses.NAMES, HostileResponses::bytes);
  }
}
