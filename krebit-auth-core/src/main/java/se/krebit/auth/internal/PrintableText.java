package se.krebit.auth.internal;

/**
 * Text from a server or a user, made safe for one log line or exception message: control, format
 * and line-separator characters become '?', so a hostile server can't forge log lines or hide text
 * behind bidirectional overrides, and the length is capped.
 */
public final class PrintableText {
  private PrintableText() {}

  /** {@code text} as one printable line of at most {@code maxCodePoints} code points. */
  public static String line(String text, int maxCodePoints) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints));
    text.codePoints().limit(maxCodePoints).forEach(c -> out.appendCodePoint(isSafe(c) ? c : '?'));
    return out.toString();
  }

  /**
   * Whether {@code codePoint} is shown as itself: no control, format, separator, surrogate,
   * unassigned or private-use character.
   */
  public static boolean isSafe(int codePoint) {
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
