package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java can't rot: every {@code ```java} block in it is the text of a region of a test
 * source, marked {@code // README:begin NAME} … {@code // README:end NAME}, which that test
 * compiles and runs; and every marked region is in the README. Text is compared after removing the
 * region's common indentation and trailing whitespace. A region may come in parts (the same name
 * again later in the file, for example its imports and its code): the block is then the parts in
 * order, one blank line between.
 */
class ReadmeSnippetsTest {
  private static final Path PROJECT = Repository.ROOT;
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("(?m)^```java\\R(.*?)^```\\s*$", Pattern.DOTALL);
  private static final Pattern MARKER = Pattern.compile("^\\s*// README:(begin|end) (\\S+)\\s*$");

  /** A README block: where it starts and its text. */
  record Block(int line, String text) {
    String name() {
      return "README.md line " + line + " (" + text.lines().findFirst().orElse("") + ")";
    }
  }

  /** A marked region: where and its text. */
  record Region(Path file, String name, String text) {
    String describe() {
      return "region '" + name + "' in " + shown(file);
    }
  }

  @Test
  void everyJavaBlockInTheReadmeIsAMarkedRegionOfATest() {
    List<String> regions = regions().stream().map(Region::text).toList();
    List<String> unmarked =
        blocks().stream()
            .filter(block -> !regions.contains(block.text()))
            .map(Block::name)
            .toList();

    assertThat(unmarked)
        .as(
            "README java blocks that are no marked region of a test: mark the test code they show with"
                + " // README:begin NAME and // README:end NAME, and make the two the same")
        .isEmpty();
  }

  @Test
  void everyMarkedRegionIsInTheReadme() {
    List<String> blocks = blocks().stream().map(Block::text).toList();
    List<String> missing =
        regions().stream()
            .filter(region -> !blocks.contains(region.text()))
            .map(Region::describe)
            .toList();

    assertThat(missing)
        .as("marked test regions that are no ```java block of README.md, or differ from it")
        .isEmpty();
  }

  @Test
  void theReadmeHasJavaBlocksAndTheTestsHaveRegions() {
    assertThat(blocks()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(regions()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void theReadmeListsEveryExitCode() throws IOException {
    String readme = Files.readString(PROJECT.resolve("README.md"));
    for (ExitCode exit : ExitCode.values()) {
      assertThat(readme).contains("| " + exit.code() + " | " + exit.meaning() + " |");
    }
  }

  @Test
  void aRegionInPartsIsItsPartsJoinedAndDedented(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("Example.java"),
            String.join(
                "\n",
                "// README:begin example",
        "import a.B;   ",
        "// README:end example",
                "class Example {",
                "    // README:begin example",
        "    void run() {",
        "",
        "      go();",
        "    }",
        "    // README:end example",
                "}"));

    assertThat(regionsIn(file))
        .singleElement()
        .extracting(Region::text)
        .isEqualTo("import a.B;\n\nvoid run() {\n\n  go();\n}");
  }

  @Test
  void anUnendedOrNestedRegionFails(@TempDir Path dir) throws IOException {
    Path unended = Files.writeString(dir.resolve("Unended.java"), "// README:begin a\nx();\n");
    Path nested =
        Files.writeString(dir.resolve("Nested.java"), "// README:begin a\n// README:begin b\n");

    assertThatThrownBy(() -> regionsIn(unended))
        .hasMessageContaining("region 'a'")
        .hasMessageContaining("never ended");
    assertThatThrownBy(() -> regionsIn(nested))
        .hasMessageContaining("begins region 'b' inside region 'a'");
  }

  static List<Block> blocks() {
    String readme = Repository.read(PROJECT.resolve("README.md"));
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = JAVA_BLOCK.matcher(readme);
    while (matcher.find()) {
      int line = (int) readme.substring(0, matcher.start()).lines().count() + 1;
      blocks.add(new Block(line, normalize(matcher.group(1).lines().toList())));
    }
    return blocks;
  }

  static List<Region> regions() {
    List<Region> regions = new ArrayList<>();
    try (Stream<Path> files = Files.walk(PROJECT)) {
      files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(
              file ->
                  PROJECT
                      .relativize(file)
                      .toString()
                      .replace('\\', '/')
                      .matches("[^/]+/src/test/java/.*"))
          .sorted()
          .forEach(file -> regions.addAll(regionsIn(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  /** The regions of one file, parts of the same name joined. */
  static List<Region> regionsIn(Path file) {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    String open = null;
    List<String> lines = new ArrayList<>();
    int number = 0;
    for (String line : Repository.read(file).lines().toList()) {
      number++;
      Matcher marker = MARKER.matcher(line);
      if (!marker.matches()) {
        if (open != null) {
          lines.add(line);
        }
        continue;
      }
      String where = shown(file) + ":" + number;
      if (marker.group(1).equals("begin")) {
        assertThat(open)
            .as("%s begins region '%s' inside region '%s'", where, marker.group(2), open)
            .isNull();
        open = marker.group(2);
        lines = new ArrayList<>();
      } else {
        assertThat(marker.group(2)).as("%s ends a region that is not open", where).isEqualTo(open);
        parts.computeIfAbsent(open, name -> new ArrayList<>()).add(normalize(lines));
        open = null;
      }
    }
    assertThat(open).as("region '%s' in %s is never ended", open, shown(file)).isNull();
    List<Region> regions = new ArrayList<>();
    parts.forEach((name, texts) -> regions.add(new Region(file, name, String.join("\n\n", texts))));
    return regions;
  }

  /**
   * Without trailing whitespace, leading and trailing blank lines, and the indentation all lines
   * share.
   */
  static String normalize(List<String> lines) {
    List<String> stripped = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
    while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
      stripped.remove(0);
    }
    while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
      stripped.remove(stripped.size() - 1);
    }
    int indent =
        stripped.stream()
            .filter(line -> !line.isEmpty())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n",
        stripped.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList());
  }

  private static Path shown(Path file) {
    return file.startsWith(PROJECT) ? PROJECT.relativize(file) : file;
  }
}
