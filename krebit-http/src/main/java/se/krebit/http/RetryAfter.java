package se.krebit.http;

import static java.util.Objects.requireNonNull;

import feign.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code Retry-After} (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date, the latter
 * measured against the injected clock. Unparseable values are ignored, as the RFC allows.
 */
public final class RetryAfter {
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

  private RetryAfter() {}

  /**
   * How long the {@code Retry-After} value {@code value} asks to wait; zero for a date in the past,
   * empty if it is invalid.
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    requireNonNull(clock, "clock");
    String trimmed = requireNonNull(value, "value").strip();
    if (SECONDS.matcher(trimmed).matches()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * How long {@code response}'s {@code Retry-After} header asks to wait; empty if it is absent or
   * invalid.
   */
  public static Optional<Duration> of(Response response, Clock clock) {
    requireNonNull(clock, "clock");
    return ResponseHeaders.first(response, ResponseHeaders.RETRY_AFTER)
        .flatMap(value -> parse(value, clock));
  }
}
