package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenKey;

class VaultPathsTest {
  @Test
  void plainIdentifiersStayReadableAndEverythingElseIsEscaped() {
    assertThat(VaultPaths.segment("acme")).isEqualTo("acme");
    assertThat(VaultPaths.segment("app-1_x")).isEqualTo("app-1_x");
    assertThat(VaultPaths.segment("..")).isEqualTo("~2E~2E");
    assertThat(VaultPaths.segment("../alice")).isEqualTo("~2E~2E~2Falice");
    assertThat(VaultPaths.segment("alice@example.com")).isEqualTo("alice~40example~2Ecom");
    assertThat(VaultPaths.segment("a~b")).isEqualTo("a~7Eb");
    assertThat(VaultPaths.segment("ä")).isEqualTo("~C3~A4");
    assertThat(VaultPaths.segment("127.0.0.1:8089/")).isEqualTo("127~2E0~2E0~2E1~3A8089~2F");
  }

  @Test
  void segmentsUseOnlySafeCharactersAndDifferentPartsGiveDifferentSegments() {
    Random random = new Random(42);
    Set<String> parts = new HashSet<>();
    Set<String> segments = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder part = new StringBuilder();
      for (int n = 1 + random.nextInt(6); n > 0; n--) {
        part.appendCodePoint(
            random.nextBoolean()
                ? ".~/%a-_Z9 \\".charAt(random.nextInt(11))
                : 0x20 + random.nextInt(0x3000));
      }
      String text = part.toString();
      String segment = VaultPaths.segment(text);
      assertThat(segment).matches("[A-Za-z0-9_~-]+").isNotIn(".", "..");
      if (parts.add(text)) {
        assertThat(segments.add(segment)).as("unique segment for " + text).isTrue();
      }
    }
  }

  @Test
  void aKeyIsThreeSegments() {
    assertThat(VaultPaths.relative(new TokenKey("acme", "app", "a/b"))).isEqualTo("acme/app/a~2Fb");
  }

  @Test
  void mountsAndPrefixesAreCheckedSegmentsWithoutDotSegments() {
    assertThat(VaultPaths.checkMount("kv/team-1", "mount")).isEqualTo("kv/team-1");
    assertThat(VaultPaths.checkPrefix("")).isEmpty();
    assertThat(VaultPaths.depth("kv/team-1")).isEqualTo(2);
    for (String bad :
        new String[] {
          "", "/secret", "secret/", "a//b", "a/../b", "..", "a/./b", "sec ret", "a%2Fb"
        }) {
      assertThatThrownBy(() -> VaultPaths.checkMount(bad, "mount"))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("mount");
    }
  }
}
