package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.KrebitConfigurationException;

class TableNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"krebit_tokens", "KrebitTokens", "_t", "auth.krebit_tokens", "t1"})
  void plainIdentifiersAreAccepted(String name) {
    assertThat(TableName.check("tableName", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1tokens",
        "krebit tokens",
        "tokens;DROP TABLE users",
        "\"tokens\"",
        "a.b.c",
        "a.",
        ".a",
        "tokens--",
        "tökens",
        "t\n"
      })
  void anythingElseIsRefusedNamingTheSetting(String name) {
    assertThatThrownBy(() -> TableName.check("tableName", name))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("tableName must be a plain SQL identifier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x"})
  void partsLongerThan63CharactersAreRefused(String prefix) {
    assertThatThrownBy(() -> TableName.check("tableName", prefix.repeat(64)))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThat(TableName.check("tableName", prefix.repeat(63))).hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth.tokens", "tokens"})
  void theUnqualifiedNameDropsTheSchema(String name) {
    assertThat(TableName.unqualified(name)).isEqualTo("tokens");
  }
}
