package se.krebit.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text from a server, made safe to print on a terminal: nothing in it can move the cursor, change
 * colours, rewrite the title, ring the bell or reorder what follows. Control characters (C0, DEL, C1,
 * so every escape sequence's introducer), format characters (bidirectional overrides, zero-width ones),
 * line and paragraph separators, private-use and unassigned code points and lone surrogates are what
 * it removes. Stateless.
 */
final class TerminalText {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private TerminalText() {}

  /** {@code text} as one line: every unsafe character, line breaks included, as {@code ?}. */
  static String line(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(isSafe(c) ? c : '?'));
    return out.toString();
  }

  /**
   * A JSON document exactly as it came, but printable: within strings every unsafe character becomes its
   * {@code \\uXXXX} escape (the same JSON, meaning the same); between tokens, carriage returns become line
   * feeds.
   *
   * @throws IllegalArgumentException if {@code body} is not one JSON document (without saying what it holds)
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
        out.appendCodePoint(c); // whitespace and JSON's own ASCII; a leading byte order mark is dropped
      }
    }
    return out.toString();
  }

  private static boolean isSafe(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE;
  }
}
