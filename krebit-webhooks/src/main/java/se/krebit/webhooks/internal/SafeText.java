package se.krebit.webhooks.internal;

import java.util.regex.Pattern;

/**
 * What of a delivery may be shown in a log line or {@code toString()}: an event type or id made
 * only of letters, digits and {@code . _ : -}, at most 100 characters, as ids are. Anything else is
 * described by its length, so nothing a sender chose can forge a log line or reach a terminal.
 */
public final class SafeText {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private SafeText() {}

  /** {@code text} itself if it is plain, else {@code (N unusual characters)}. */
  public static String of(String text) {
    return PLAIN.matcher(text).matches() ? text : "(" + text.length() + " unusual characters)";
  }
}
