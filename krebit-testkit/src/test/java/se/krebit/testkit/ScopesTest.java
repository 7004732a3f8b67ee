package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void splitsOnSpacesKeepingOrderWithoutRepeats() {
    assertThat(Scopes.parse("read  sign read documents:write"))
        .containsExactly("read", "sign", "documents:write");
    assertThat(Scopes.parse(" ")).isEmpty();
    assertThat(Scopes.format(List.of("read", "sign"))).contains("read sign");
    assertThat(Scopes.format(List.of())).isEmpty();
  }

  @Test
  void refusesCharactersRfc6749DoesNotAllow() {
    assertThatThrownBy(() -> Scopes.parse("read \"sign\"")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> Scopes.parse("a\\b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scopes.parse("läsa")).isInstanceOf(IllegalArgumentException.class);
  }
}
