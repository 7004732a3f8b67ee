package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.tink.TinkTokenCipher;

/** The builders' rules; none of these touch the database. */
class JdbcStoreBuildersTest {
  private final DataSource database = H2Database.create();

  @Test
  void aTokenStoreWithoutCipherIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> JdbcTokenStore.builder(database).build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("cipher(TokenCipher)")
        .hasMessageContaining("allowPlaintextForTests()");
  }

  @Test
  void aStateRepositoryWithoutCipherIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> JdbcStateRepository.builder(database).build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("cipher(TokenCipher)");
  }

  @Test
  void plaintextMustBeAskedForExplicitly() {
    assertThat(JdbcTokenStore.builder(database).allowPlaintextForTests().build().toString())
        .contains("PlaintextCipher");
    assertThat(JdbcStateRepository.builder(database).allowPlaintextForTests().build().toString())
        .contains("PlaintextCipher");
  }

  @Test
  void aCipherMakesPlaintextPermissionIrrelevant() {
    TinkTokenCipher cipher = TestCiphers.fresh();

    assertThat(
            JdbcTokenStore.builder(database)
                .allowPlaintextForTests()
                .cipher(cipher)
                .build()
                .toString())
        .contains("TinkTokenCipher");
  }

  @Test
  void tableNamesAreValidatedWhenSet() {
    assertThatThrownBy(() -> JdbcTokenStore.builder(database).tableName("tokens; DROP TABLE x"))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("tableName");
    assertThatThrownBy(() -> JdbcStateRepository.builder(database).tableName("1x"))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @Test
  void queryTimeoutsUnderASecondAreRefused() {
    assertThatThrownBy(() -> JdbcTokenStore.builder(database).queryTimeout(Duration.ofMillis(500)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("queryTimeout");
  }

  @Test
  void toBuilderKeepsTheSettings() {
    JdbcTokenStore store =
        JdbcTokenStore.builder(database)
            .cipher(TestCiphers.fresh())
            .tableName("auth.tokens")
            .build();

    assertThat(store.toBuilder().build().toString())
        .isEqualTo(store.toString())
        .contains("auth.tokens");
  }

  @Test
  void buildingWithoutCreatingTheTableNeedsNoConnection() {
    DataSource unreachable =
        new org.h2.jdbcx.JdbcDataSource(); // no URL: every connection attempt fails

    assertThat(JdbcTokenStore.builder(unreachable).cipher(TestCiphers.fresh()).build()).isNotNull();
    assertThat(JdbcStateRepository.builder(unreachable).cipher(TestCiphers.fresh()).build())
        .isNotNull();
  }
}
