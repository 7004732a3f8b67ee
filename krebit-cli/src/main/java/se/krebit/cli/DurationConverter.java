package se.krebit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 90} or {@code 90s} (seconds), {@code 500ms}, {@code 5m},
 * {@code 1h}, or ISO-8601 {@code PT5M}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (text.startsWith("pt")) {
        duration = Duration.parse(text);
      } else if (text.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        duration =
            Duration.ofSeconds(
                Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text));
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("'" + value + "' is not a positive duration");
      }
      return duration;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration such as 90s, 500ms, 5m, 1h or PT5M");
    }
  }

  /** {@code 5m}, {@code 90s}, {@code 500ms}: as {@link #convert} reads it. */
  static String format(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
