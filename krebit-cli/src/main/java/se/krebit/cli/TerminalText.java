package se.krebit.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import se.krebit.auth.internal.PrintableText;

/**
 * Text from a server or a delivery, made safe to print on a terminal: nothing in it can move the
 * cursor, change colours, rewrite the title, ring the bell or reorder what follows. The characters
 * it neutralises are control characters (C0, DEL, C1, so every escape sequence's introducer),
 * format characters (bidirectional overrides, zero-width ones), line and paragraph separators,
 * private-use and unassigned code points and lone surrogates. Stateless.
 */
final class TerminalText {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private TerminalText() {}

  /** {@code text} as one line: every unsafe character, line breaks included, as {@code ?}. */
  static String line(String text) {
    return PrintableText.line(text, Integer.MAX_VALUE);
  }

  /** {@link #line(String)}, cut after {@code maxCodePoints} code points. */
  static String line(String text, int maxCodePoints) {
    return PrintableText.line(text, maxCodePoints);
  }

  /**
   * {@code text} with every unsafe character shown as Java's Unicode escape (a backslash, {@code u}
   * and four hex digits, or {@code \\u{…}} beyond the BMP), for output where what was sent matters,
   * such as a webhook delivery.
   */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (isSafe(c)) {
                out.appendCodePoint(c);
              } else {
                out.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\u{%x}", c));
              }
            });
    return out.toString();
  }

  /**
   * A JSON document exactly as it came, but printable: within strings every unsafe character
   * becomes its {@code \\uXXXX} escape (the same JSON, meaning the same); between tokens, carriage
   * returns become line feeds.
   *
   * @throws IllegalArgumentException if {@code body} is not one JSON document (without saying what
   *     it holds)
   */
  static String json(String body) {
    boolean document;
    try {
      document = !JSON.readTree(body).isMissingNode(); // missing: an empty body
    } catch (JsonProcessingException e) {
      document = false;
    }
    if (!document) {
      throw new IllegalArgumentException("not a JSON document", null);
    }
    StringBuilder out = new StringBuilder(body.length());
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < body.length(); ) {
      int c = body.codePointAt(i);
      i += Character.charCount(c);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        if (isSafe(c)) {
          out.appendCodePoint(c);
        } else {
          for (char unit : Character.toChars(c)) {
            out.append(String.format("\\u%04x", (int) unit));
          }
        }
      } else if (c == '"') {
        inString = true;
        out.append('"');
      } else if (c == '\r') {
        if (i >= body.length() || body.charAt(i) != '\n') {
          out.append('\n');
        }
      } else if (c == '\n' || c == '\t' || c == ' ' || isSafe(c)) {
        out.appendCodePoint(
            c); // whitespace and JSON's own ASCII; a leading byte order mark is dropped
      }
    }
    return out.toString();
  }

  /**
   * Krebit's answer to {@code request} for {@code --json}: {@link #json} of it, or, if it is not
   * JSON, a failure that says so without printing it.
   */
  static String printableJson(String body, String request) {
    try {
      return json(body);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.OTHER,
          "Krebit's answer to "
              + request
              + " is not JSON, so it is not printed;"
              + " --verbose logs its request_id.");
    }
  }

  private static boolean isSafe(int codePoint) {
    return PrintableText.isSafe(codePoint);
  }
}
