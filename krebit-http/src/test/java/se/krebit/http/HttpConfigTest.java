package se.krebit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Logger;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.KrebitConfigurationException;

class HttpConfigTest {

  @Test
  void defaultsAreTheNamedConstants() {
    HttpConfig defaults = HttpConfig.ofDefaults();

    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxAttempts()).isEqualTo(3);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.maxResponseBytes()).isEqualTo(1024 * 1024);
    assertThat(defaults.sslContext()).isEmpty();
    assertThat(defaults.logLevel()).isEqualTo(Logger.Level.BASIC);
    assertThat(HttpConfig.custom().build()).hasToString(defaults.toString());
  }

  @Test
  void fromKeepsEverySettingAndChangesOnlyWhatIsSet() throws Exception {
    SSLContext tls = SSLContext.getDefault();
    HttpConfig base =
        HttpConfig.custom()
            .connectTimeout(Duration.ofSeconds(1))
            .callTimeout(Duration.ofSeconds(2))
            .maxAttempts(5)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(100))
            .maxRetryAfter(Duration.ZERO)
            .maxResponseBytes(4096)
            .sslContext(tls)
            .logLevel(Logger.Level.NONE)
            .build();

    HttpConfig variant = HttpConfig.from(base).maxAttempts(1).build();

    assertThat(HttpConfig.from(base).build()).hasToString(base.toString());
    assertThat(variant.maxAttempts()).isEqualTo(1);
    assertThat(base.maxAttempts()).isEqualTo(5);
    assertThat(variant.callTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(variant.sslContext()).containsSame(tls);
    assertThat(variant)
        .hasToString(
            "HttpConfig[connectTimeout=PT1S, callTimeout=PT2S, maxAttempts=1, initialBackoff=PT0.01S,"
                + " maxBackoff=PT0.1S, maxRetryAfter=PT0S, maxResponseBytes=4096, sslContext=Default, logLevel=NONE, transport=jdk]");
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        invalid("connectTimeout", b -> b.connectTimeout(Duration.ZERO)),
        invalid("connectTimeout", b -> b.connectTimeout(Duration.ofNanos(999_999))),
        invalid("callTimeout", b -> b.callTimeout(Duration.ofSeconds(-1))),
        invalid("callTimeout", b -> b.callTimeout(Duration.ofDays(365))),
        invalid("maxAttempts", b -> b.maxAttempts(0)),
        invalid("maxAttempts", b -> b.maxAttempts(11)),
        invalid("initialBackoff", b -> b.initialBackoff(Duration.ZERO)),
        invalid("maxBackoff", b -> b.maxBackoff(Duration.ofMillis(-5))),
        invalid("maxRetryAfter", b -> b.maxRetryAfter(Duration.ofSeconds(-1))),
        invalid("maxResponseBytes", b -> b.maxResponseBytes(100)),
        invalid("maxResponseBytes", b -> b.maxResponseBytes(Integer.MAX_VALUE)));
  }

  private static Arguments invalid(String field, Consumer<HttpConfig.Builder> setter) {
    return Arguments.of(field, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSettings")
  void settersRefuseInvalidValuesNamingTheField(String field, Consumer<HttpConfig.Builder> setter) {
    HttpConfig.Builder builder = HttpConfig.custom();

    assertThatThrownBy(() -> setter.accept(builder))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith(field + " must");
  }

  @Test
  void settersRefuseNullNamingTheField() {
    HttpConfig.Builder builder = HttpConfig.custom();

    assertThatNullPointerException()
        .isThrownBy(() -> builder.callTimeout(null))
        .withMessage("callTimeout");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.sslContext(null))
        .withMessage("sslContext");
    assertThatNullPointerException().isThrownBy(() -> HttpConfig.from(null)).withMessage("base");
  }

  @Test
  void buildRefusesABackoffCapBelowTheInitialBackoff() {
    HttpConfig.Builder builder =
        HttpConfig.custom().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("maxBackoff (PT1S) must not be below initialBackoff (PT2S)");
  }
}
