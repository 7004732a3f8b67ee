package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlParametersTest {
  @Test
  void decodesValuesAndKeepsTheirRawForm() {
    UrlParameters query =
        UrlParameters.parse("state=a%2fb+c%20d&client_id=x&empty=&flag&client_id=y");

    assertThat(query.first("state")).contains("a/b c d");
    assertThat(query.firstRaw("state")).contains("a%2fb+c%20d");
    assertThat(query.values("client_id")).containsExactly("x", "y");
    assertThat(query.isRepeated("client_id")).isTrue();
    assertThat(query.isRepeated("state")).isFalse();
    assertThat(query.first("empty")).isEmpty();
    assertThat(query.firstRaw("empty")).isEmpty();
    assertThat(query.values("flag")).containsExactly("");
    assertThat(query.first("missing")).isEmpty();
    assertThat(query.names()).containsExactly("client_id", "empty", "flag", "state");
  }

  @Test
  void readsNothingFromNothing() {
    assertThat(UrlParameters.parse(null).names()).isEmpty();
    assertThat(UrlParameters.parse("").names()).isEmpty();
    assertThat(UrlParameters.parse("&&").names()).isEmpty();
  }

  @Test
  void refusesMalformedEscapesInsteadOfDroppingTheParameter() {
    assertThatThrownBy(() -> UrlParameters.parse("state=%zz"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UrlParameters.parse("state=%2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
