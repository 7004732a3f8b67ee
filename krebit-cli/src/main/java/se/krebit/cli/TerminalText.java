package se.krebit.cli;

/**
 * Text that came from the network, made safe to print on a terminal: control, format and separator
 * characters (escape sequences, carriage returns, bidirectional overrides) are shown as
 * {@code \\uXXXX}, so a delivery can neither move the cursor, recolour the screen nor hide text.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every character a terminal would act on written as an escape. */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (isInert(c)) {
        out.appendCodePoint(c);
      } else {
        out.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\u{%x}", c));
      }
    });
    return out.toString();
  }

  private static boolean isInert(int codePoint) {
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
