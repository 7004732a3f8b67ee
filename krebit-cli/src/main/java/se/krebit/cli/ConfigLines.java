package se.krebit.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a key of a Java properties file is set, so that errors can point at a line without quoting
 * it.
 */
final class ConfigLines {
  private ConfigLines() {}

  /**
   * The 1-based number of the first line of {@code text} that sets {@code key} on its own; empty if
   * none does (a key on a continued line, for instance).
   */
  static Optional<Integer> lineOf(String text, String key) {
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Properties line = new Properties();
      try {
        line.load(new StringReader(lines[i]));
      } catch (IOException | IllegalArgumentException e) {
        continue;
      }
      if (line.containsKey(key)) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }
}
