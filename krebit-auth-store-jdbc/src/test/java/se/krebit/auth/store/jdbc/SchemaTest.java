package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
  @Test
  void aRenamedTableRenamesItsConstraintsAndIndexesWithoutTheSchema() {
    String script = Schema.text(JdbcDialect.POSTGRESQL, Schema.STATES_SCRIPT);

    String renamed = Schema.rename(script, JdbcStateRepository.DEFAULT_TABLE_NAME, "auth.pending");

    assertThat(renamed)
        .contains("CREATE TABLE IF NOT EXISTS auth.pending (")
        .contains("CONSTRAINT pending_pk PRIMARY KEY")
        .contains("CREATE INDEX IF NOT EXISTS pending_expires_at")
        .contains("ON auth.pending (expires_at)")
        .doesNotContain("krebit_pending_authorizations");
  }

  @Test
  void theDefaultNameLeavesTheScriptAsShipped() {
    String script = Schema.text(JdbcDialect.H2, Schema.TOKENS_SCRIPT);

    assertThat(
            Schema.rename(
                script, JdbcTokenStore.DEFAULT_TABLE_NAME, JdbcTokenStore.DEFAULT_TABLE_NAME))
        .isEqualTo(script);
  }

  @Test
  void scriptsSplitIntoTheirStatementsWithoutComments() {
    List<String> statements =
        Schema.statements(Schema.text(JdbcDialect.POSTGRESQL, Schema.STATES_SCRIPT));

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).startsWith("CREATE TABLE").doesNotContain("--");
    assertThat(statements.get(1)).startsWith("CREATE INDEX");
  }

  @Test
  void bothDialectsShipEveryScript() {
    for (JdbcDialect dialect : JdbcDialect.values()) {
      assertThat(Schema.text(dialect, Schema.TOKENS_SCRIPT))
          .contains("CREATE TABLE IF NOT EXISTS krebit_tokens");
      assertThat(Schema.text(dialect, Schema.STATES_SCRIPT))
          .contains("CREATE TABLE IF NOT EXISTS krebit_pending_authorizations");
      assertThat(Schema.text(dialect, Schema.DELIVERIES_SCRIPT))
          .contains("CREATE TABLE IF NOT EXISTS krebit_webhook_deliveries");
    }
  }
}
