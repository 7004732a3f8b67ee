package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void whatATerminalWouldActOnIsEscapedAndTheRestKept() {
    assertThat(TerminalText.escaped("\u001b[31mred\u001b[0m"))
        .isEqualTo("\\u001b[31mred\\u001b[0m");
    assertThat(TerminalText.escaped("a\rb\nc\td\u0007"))
        .isEqualTo("a\\u000db\\u000ac\\u0009d\\u0007");
    assertThat(TerminalText.escaped("pay \u202Eevil\u202C")).isEqualTo("pay \\u202eevil\\u202c");
    assertThat(TerminalText.escaped("line\u2028next")).isEqualTo("line\\u2028next");
    assertThat(TerminalText.escaped("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    assertThat(TerminalText.escaped("private \uDB80\uDC00")).isEqualTo("private \\u{f0000}");
    assertThat(TerminalText.escaped("Avtal för Åsa – 🔑 {\"id\": 1}"))
        .isEqualTo("Avtal för Åsa – 🔑 {\"id\": 1}");
  }

  @Test
  void aLineKeepsLettersOfEveryScriptAndLosesWhatATerminalActsOn() {
    assertThat(TerminalText.line("Åsa Öberg 山田 😀")).isEqualTo("Åsa Öberg 山田 😀");
    assertThat(TerminalText.line("a\u001b[31mb\u0007c\u009bd\u202ee\nf\u2028g\ud800"))
        .isEqualTo("a?[31mb?c?d?e?f?g?");
  }

  @Test
  void jsonKeepsItsTextAndEscapesWhatATerminalActsOnInsideStrings() {
    assertThat(TerminalText.json("{\"name\": \"Åsa 😀\", \"n\": 1}"))
        .isEqualTo("{\"name\": \"Åsa 😀\", \"n\": 1}");
    assertThat(TerminalText.json("{\"a\":\"x\u009by\u202ez\u007f\"}"))
        .isEqualTo("{\"a\":\"x\\u009by\\u202ez\\u007f\"}");
    assertThat(TerminalText.json("{\"a\\\"\u009b\":\"\\\\\u009b\"}"))
        .isEqualTo("{\"a\\\"\\u009b\":\"\\\\\\u009b\"}");
  }

  @Test
  void jsonKeepsLineBreaksBetweenTokensButNoLoneCarriageReturn() {
    assertThat(TerminalText.json("{\r\n  \"a\": 1,\r  \"b\": [true]\n}"))
        .isEqualTo("{\n  \"a\": 1,\n  \"b\": [true]\n}");
  }

  @Test
  void whatIsNotOneJsonDocumentIsRefusedWithoutBeingQuoted() {
    for (String notJson :
        new String[] {
          "<html>\u001b[2J</html>", "{\"a\":\"\u001b\"}", "{} {}", "", "{\"a\":1,\"a\":2}"
        }) {
      assertThatThrownBy(() -> TerminalText.json(notJson))
          .as(notJson)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a JSON document");
    }
  }
}
