package se.krebit.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that came from the network, made safe to print on a terminal: control, format and separator
 * characters (escape sequences, carriage returns, bidirectional overrides), and unassigned,
 * private-use and lone surrogate ones, are shown as Java's Unicode escapes (a backslash, {@code u}
 * and four hex digits), so a delivery can neither move the cursor, recolour the screen nor hide text.
 */
final class TerminalText {
  private static final Pattern ACTIVE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Cn}\\p{Co}]");

  private TerminalText() {}

  /** {@code text} with every character a terminal would act on written as an escape. */
  static String escaped(String text) {
    return ACTIVE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(escape(match.group().codePointAt(0))));
  }

  private static String escape(int codePoint) {
    return codePoint <= 0xFFFF ? String.format("\\u%04x", codePoint) : String.format("\\u{%x}", codePoint);
  }
}
