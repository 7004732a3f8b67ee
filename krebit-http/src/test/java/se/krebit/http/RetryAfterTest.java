package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("1", CLOCK)).contains(Duration.ofSeconds(1));
    assertThat(RetryAfter.parse(" 120 ", CLOCK)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", CLOCK)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateAgainstTheClock() {
    String inThirtySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));

    assertThat(RetryAfter.parse(inThirtySeconds, CLOCK)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:30 GMT", CLOCK))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertThat(RetryAfter.parse("Sat, 28 Feb 2026 12:00:00 GMT", CLOCK)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "soon", "-1", "1.5", "1e3", "9999999999", "Mon, 99 Foo 2026 25:00:00 GMT"})
  void ignoresInvalidValues(String value) {
    assertThat(RetryAfter.parse(value, CLOCK)).isEmpty();
  }
}
