package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsSecondsMinutesHoursAndIso() {
    assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void formatsAsItReads() {
    assertThat(DurationConverter.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(converter.convert(DurationConverter.format(Duration.ofMillis(1500))))
        .isEqualTo(Duration.ofMillis(1500));
  }
}
