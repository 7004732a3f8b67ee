package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.vault.VaultConnection;
import se.krebit.auth.store.vault.VaultTransitCipher;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.testkit.vault.FakeVaultExtension;

/**
 * The token store contract on H2 with the records encrypted by Vault Transit (the test kit's fake
 * Vault): the key never leaves Vault, the table holds only Transit ciphertexts bound to each row.
 * Plus what Transit adds: key ids from the key's versions, and re-encryption after a rotation.
 */
class H2VaultTransitTokenStoreContractIT extends TokenStoreContract {
  @RegisterExtension
  static final FakeVaultExtension VAULT =
      FakeVaultExtension.builder().transitKey("krebit-tokens").build();

  private static final DataSource DATABASE = H2Database.create();
  private static @Nullable JdbcTokenStore store;

  @Override
  protected TokenStore store() {
    return jdbc();
  }

  /** Built on first use: the fake Vault's address is known once the extension has started it. */
  private static synchronized JdbcTokenStore jdbc() {
    if (store == null) {
      VaultConnection vault =
          VaultConnection.builder(VAULT.server().address())
              .token(VAULT.server().rootToken())
              .build();
      store =
          JdbcTokenStore.builder(DATABASE)
              .cipher(VaultTransitCipher.builder(vault).key("krebit-tokens").build())
              .createTableIfMissing(true)
              .build();
    }
    return store;
  }

  @Test
  void rowsHoldTransitCiphertextsAndMoveToTheNewKeyVersionOnReencryption() {
    JdbcTokenStore tokens = jdbc();
    TokenKey key = new TokenKey("transit-" + UUID.randomUUID(), "client-1", "alice");
    Instant now = Instant.parse("2030-01-01T10:00:00Z");
    TokenRecord record =
        TokenRecord.of(
            new TokenSet(
                new AccessToken("at-1", AccessToken.BEARER, now.plusSeconds(60)),
                Optional.of(new RefreshToken("rt-1")),
                Set.of("read"),
                now));
    tokens.compareAndSet(key, 0, record);
    int before = VAULT.server().transitLatestVersion("transit", "krebit-tokens");

    VAULT.server().transitRotate("transit", "krebit-tokens");

    assertThat(tokens.countRowsNotUnderCurrentKey()).isPositive();
    assertThat(tokens.reencryptToCurrentKey(50)).isPositive();
    assertThat(tokens.countRowsNotUnderCurrentKey()).isZero();
    assertThat(tokens.load(key).orElseThrow().record()).isEqualTo(record);
    VAULT.server().transitMinDecryptionVersion("transit", "krebit-tokens", before + 1);
    assertThat(tokens.load(key).orElseThrow().version())
        .as("readable under the new version alone")
        .isEqualTo(1);
  }
}
