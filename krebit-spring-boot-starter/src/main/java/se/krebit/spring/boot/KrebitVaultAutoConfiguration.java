package se.krebit.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.vault.VaultConnection;
import se.krebit.auth.store.vault.VaultTokenStore;

/**
 * Users' tokens in HashiCorp Vault, when {@code krebit-auth-store-vault} is on the class path and
 * {@code krebit.vault.address} is set: a {@link VaultConnection} (a fixed token or AppRole) and a
 * {@link VaultTokenStore} on it, encrypted with the application's {@link TokenCipher} bean if it
 * has one (Vault encrypts at rest itself). It comes before the JDBC store, which then yields.
 */
@AutoConfiguration(before = {KrebitAutoConfiguration.class, KrebitJdbcAutoConfiguration.class})
@ConditionalOnClass(VaultTokenStore.class)
@ConditionalOnProperty(prefix = "krebit.vault", name = "address")
@EnableConfigurationProperties(KrebitVaultProperties.class)
public class KrebitVaultAutoConfiguration {
  /** The connection to Vault; closed with the context (it stops renewing its login). */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public VaultConnection krebitVaultConnection(KrebitVaultProperties properties) {
    VaultConnection.Builder vault =
        VaultConnection.builder(properties.getAddress())
            .connectTimeout(properties.getConnectTimeout())
            .requestTimeout(properties.getRequestTimeout());
    KrebitVaultProperties.AppRole appRole = properties.getAppRole();
    boolean byToken = properties.getToken() != null;
    boolean byAppRole = appRole.getRoleId() != null || appRole.getSecretId() != null;
    if (byToken == byAppRole
        || (byAppRole && !(appRole.getRoleId() != null && appRole.getSecretId() != null))) {
      throw new KrebitConfigurationException(
          "krebit.vault.address is set: give either krebit.vault.token or both"
              + " krebit.vault.app-role.role-id and krebit.vault.app-role.secret-id");
    }
    if (byToken) {
      vault.token(properties.getToken());
    } else {
      vault.appRole(appRole.getRoleId(), appRole.getSecretId());
    }
    if (properties.getNamespace() != null) {
      vault.namespace(properties.getNamespace());
    }
    if (properties.getCaCertificates() != null) {
      vault.caCertificatesPem(properties.getCaCertificates());
    }
    return vault.build();
  }

  /** Users' tokens in Vault's KV v2. */
  @Bean
  @ConditionalOnMissingBean(TokenStore.class)
  public VaultTokenStore krebitVaultTokenStore(
      VaultConnection connection,
      KrebitVaultProperties properties,
      ObjectProvider<TokenCipher> cipher) {
    VaultTokenStore.Builder store =
        VaultTokenStore.builder(connection)
            .mount(properties.getMount())
            .pathPrefix(properties.getPathPrefix());
    cipher.ifUnique(store::cipher);
    return store.build();
  }
}
