package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.krebit.api.Krebit;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.vault.VaultConnection;
import se.krebit.auth.store.vault.VaultTokenStore;
import se.krebit.testkit.vault.FakeVaultServer;

/**
 * The Vault store from {@code krebit.vault.*}, against the fake Vault over loopback: on only when
 * the address is set and the module is present, logging in with AppRole, reading under the
 * configured path, and failing startup when no way to log in is given.
 */
class KrebitVaultAutoConfigurationIT {
  private static final String ROLE_ID = "role-boot-1";
  private static final String SECRET_ID = "secret-id-boot-PLANTED";
  private static final FakeVaultServer VAULT =
      FakeVaultServer.builder().appRole(ROLE_ID, SECRET_ID).build().start();

  private final ApplicationContextRunner runner =
      KrebitContexts.runner(
          KrebitAutoConfiguration.class,
          KrebitVaultAutoConfiguration.class,
          KrebitJdbcAutoConfiguration.class);

  @AfterAll
  static void stop() {
    VAULT.close();
  }

  @Test
  void anAddressAndAnAppRoleGiveTheVaultStoreThatKrebitUses() {
    runner
        .withPropertyValues(
            "krebit.vault.address=" + VAULT.address(),
            "krebit.vault.app-role.role-id=" + ROLE_ID,
            "krebit.vault.app-role.secret-id=" + SECRET_ID,
            "krebit.vault.path-prefix=boot-app/tokens")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TokenStore store = context.getBean(TokenStore.class);
              assertThat(store).isInstanceOf(VaultTokenStore.class);
              Krebit krebit = context.getBean(Krebit.class);
              int logins = VAULT.journal().logins();
              int reads = VAULT.journal().count("GET", "secret/data/boot-app/tokens/");

              assertThat(
                      store.load(
                          TokenKey.of(
                              krebit.config().tenant(), krebit.config().credentials(), "user-1")))
                  .isEmpty();

              assertThat(VAULT.journal().logins()).isEqualTo(logins + 1);
              assertThat(VAULT.journal().count("GET", "secret/data/boot-app/tokens/"))
                  .isEqualTo(reads + 1);
              assertThat(context.getBean(VaultConnection.class).toString())
                  .doesNotContain(SECRET_ID);
            });
  }

  @Test
  void withoutAnAddressOrTheModuleThereIsNoVault() {
    runner.run(
        context -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultConnection.class));
    runner
        .withPropertyValues(
            "krebit.vault.address=" + VAULT.address(), "krebit.vault.token=" + VAULT.rootToken())
        .withClassLoader(new FilteredClassLoader(VaultTokenStore.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultConnection.class));
  }

  @Test
  void anAddressWithoutAWayToLogInFailsStartupNamingTheKeys() {
    runner
        .withPropertyValues(
            "krebit.vault.address=" + VAULT.address(), "krebit.vault.app-role.role-id=" + ROLE_ID)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("krebit.vault.token")
                    .hasMessageContaining("krebit.vault.app-role.secret-id"));
  }
}
