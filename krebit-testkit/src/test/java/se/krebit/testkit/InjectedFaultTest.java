package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InjectedFaultTest {
  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(
            ((InjectedFault.HttpError) InjectedFault.tooManyRequests(Duration.ofSeconds(3)))
                .retryAfterHeader())
        .contains("3");
    assertThat(
            ((InjectedFault.HttpError) InjectedFault.status(503, Duration.ofMillis(2100)))
                .retryAfterHeader())
        .contains("3");
    assertThat(
            ((InjectedFault.HttpError) InjectedFault.status(503, Duration.ZERO)).retryAfterHeader())
        .contains("0");
    assertThat(((InjectedFault.HttpError) InjectedFault.status(500)).retryAfterHeader())
        .isEqualTo(Optional.empty());
  }

  @Test
  void writesRetryAfterDatesAsImfFixdateRoundedUp() {
    assertThat(
            ((InjectedFault.HttpErrorUntil)
                    InjectedFault.tooManyRequests(Instant.parse("2026-03-01T12:00:01Z")))
                .retryAfterHeader())
        .isEqualTo("Sun, 01 Mar 2026 12:00:01 GMT");
    assertThat(
            ((InjectedFault.HttpErrorUntil)
                    InjectedFault.status(503, Instant.parse("2026-03-01T12:00:01.001Z")))
                .retryAfterHeader())
        .isEqualTo("Sun, 01 Mar 2026 12:00:02 GMT");
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> InjectedFault.status(200)).hasMessageContaining("400 to 599");
    assertThatThrownBy(() -> InjectedFault.status(503, Duration.ofSeconds(-1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> InjectedFault.delay(Duration.ofMillis(-1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> InjectedFault.response(99, "text/html", ""))
        .hasMessageContaining("100 to 599");
    assertThatThrownBy(() -> InjectedFault.status(302, Instant.EPOCH))
        .hasMessageContaining("400 to 599");
    assertThatThrownBy(() -> InjectedFault.dribbledBody(Duration.ZERO, 3))
        .hasMessageContaining("1 ms");
    assertThatThrownBy(() -> InjectedFault.dribbledBody(Duration.ofSeconds(1), 0))
        .hasMessageContaining("chunks");
  }

  @Test
  void isAValue() {
    assertThat(InjectedFault.status(502)).isEqualTo(InjectedFault.status(502));
    assertThat(InjectedFault.connectionReset()).isEqualTo(InjectedFault.connectionReset());
    assertThat(InjectedFault.delay(Duration.ofSeconds(1)).toString()).contains("PT1S");
  }
}
