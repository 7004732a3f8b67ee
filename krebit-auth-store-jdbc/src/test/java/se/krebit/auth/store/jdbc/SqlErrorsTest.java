package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.TokenStoreException;

class SqlErrorsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "08001", "08006", "40001", "40P01", "53300", "57P01", "57014", "HYT00", "90067", "90098"
      })
  void outagesAndConflictsAreRetryable(String state) {
    assertThat(
            SqlErrors.translate("Loading tokens", "krebit_tokens", new SQLException("x", state))
                .isRetryable())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "42P01", "22001", "42501", "XX000", "HY000"})
  void dataAndSchemaErrorsAreNot(String state) {
    assertThat(
            SqlErrors.translate("Loading tokens", "krebit_tokens", new SQLException("x", state))
                .isRetryable())
        .isFalse();
  }

  @Test
  void transientExceptionsAreRetryableWhateverTheirState() {
    assertThat(SqlErrors.isRetryable(new SQLTransientConnectionException("pool exhausted")))
        .isTrue();
    assertThat(
            SqlErrors.isRetryable(
                new SQLException("wrapped", null, new SQLException("down", "08006"))))
        .isTrue();
  }

  @Test
  void theMessageNamesOperationTableAndStateButNotTheDriversText() {
    TokenStoreException e =
        SqlErrors.translate(
            "Writing tokens",
            "auth.tokens",
            new SQLException("value 'secret-ish' too long", "22001"));

    assertThat(e).hasMessage("Writing tokens failed on table auth.tokens (SQLState 22001)");
    assertThat(e.getCause()).hasMessageContaining("secret-ish");
  }

  @Test
  void aMissingTableSaysHowToCreateIt() {
    TokenStoreException e =
        SqlErrors.translate("Loading tokens", "krebit_tokens", new SQLException("no", "42P01"));

    assertThat(e).hasMessageContaining("createTableIfMissing").hasMessageContaining("db/krebit/");
    assertThat(e.isRetryable()).isFalse();
  }
}
