package se.krebit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

class LocalWireMockTest {
  @Test
  void startsOnceStopsIdempotentlyAndNamesTheFakeInItsErrors() {
    WireMockServer wireMock = new WireMockServer(LocalWireMock.options("test").dynamicPort());
    assertThatThrownBy(() -> LocalWireMock.requireRunning(wireMock, "the fake Thing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the fake Thing is not running");

    LocalWireMock.start(wireMock, "the fake Thing");
    try {
      LocalWireMock.requireRunning(wireMock, "the fake Thing");
      assertThat(wireMock.getOptions().bindAddress()).isEqualTo(LocalWireMock.HOST);
      assertThatThrownBy(() -> LocalWireMock.start(wireMock, "the fake Thing"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the fake Thing is running already");
    } finally {
      LocalWireMock.stop(wireMock);
    }
    LocalWireMock.stop(wireMock);
    assertThat(wireMock.isRunning()).isFalse();
  }

  @Test
  void acceptsPortsFromZeroTo65535() {
    assertThat(LocalWireMock.checkPort(0)).isZero();
    assertThat(LocalWireMock.checkPort(65_535)).isEqualTo(65_535);
    assertThatThrownBy(() -> LocalWireMock.checkPort(-1))
        .hasMessage("port must be 0 to 65535, was -1");
    assertThatThrownBy(() -> LocalWireMock.checkPort(65_536))
        .hasMessage("port must be 0 to 65535, was 65536");
  }
}
