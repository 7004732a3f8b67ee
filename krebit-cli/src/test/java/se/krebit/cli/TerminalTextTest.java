package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void whatATerminalWouldActOnIsEscapedAndTheRestKept() {
    assertThat(TerminalText.escaped("\u001b[31mred\u001b[0m")).isEqualTo("\\u001b[31mred\\u001b[0m");
    assertThat(TerminalText.escaped("a\rb\nc\td\u0007")).isEqualTo("a\\u000db\\u000ac\\u0009d\\u0007");
    assertThat(TerminalText.escaped("pay \u202Eevil\u202C")).isEqualTo("pay \\u202eevil\\u202c");
    assertThat(TerminalText.escaped("line\u2028next")).isEqualTo("line\\u2028next");
    assertThat(TerminalText.escaped("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    assertThat(TerminalText.escaped("private \uDB80\uDC00")).isEqualTo("private \\u{f0000}");
    assertThat(TerminalText.escaped("Avtal för Åsa – 🔑 {\"id\": 1}")).isEqualTo("Avtal för Åsa – 🔑 {\"id\": 1}");
  }
}
