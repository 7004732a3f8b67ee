package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the README names for {@code krebit.vault.*} are the ones Boot's relaxed
 * binding reads (dots to underscores, dashes dropped, upper case).
 */
class KrebitVaultPropertiesTest {
  @Test
  void theEnvironmentVariablesTheReadmeNamesBindEveryKey() {
    Map<String, Object> environment =
        Map.ofEntries(
            Map.entry("KREBIT_VAULT_ADDRESS", "https://vault.example.com:8200"),
            Map.entry("KREBIT_VAULT_TOKEN", "hvs.not-a-real-token"),
            Map.entry("KREBIT_VAULT_APPROLE_ROLEID", "role-1"),
            Map.entry("KREBIT_VAULT_APPROLE_SECRETID", "secret-1"),
            Map.entry("KREBIT_VAULT_NAMESPACE", "team-a"),
            Map.entry("KREBIT_VAULT_CACERTIFICATES", "/etc/vault/ca.pem"),
            Map.entry("KREBIT_VAULT_MOUNT", "kv"),
            Map.entry("KREBIT_VAULT_PATHPREFIX", "apps/krebit"),
            Map.entry("KREBIT_VAULT_CONNECTTIMEOUT", "2s"),
            Map.entry("KREBIT_VAULT_REQUESTTIMEOUT", "PT7S"));
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

    KrebitVaultProperties vault = binder.bind("krebit.vault", KrebitVaultProperties.class).get();

    assertThat(vault.getAddress()).isEqualTo(URI.create("https://vault.example.com:8200"));
    assertThat(vault.getToken()).isEqualTo("hvs.not-a-real-token");
    assertThat(vault.getAppRole().getRoleId()).isEqualTo("role-1");
    assertThat(vault.getAppRole().getSecretId()).isEqualTo("secret-1");
    assertThat(vault.getNamespace()).isEqualTo("team-a");
    assertThat(vault.getCaCertificates()).isEqualTo(Path.of("/etc/vault/ca.pem"));
    assertThat(vault.getMount()).isEqualTo("kv");
    assertThat(vault.getPathPrefix()).isEqualTo("apps/krebit");
    assertThat(vault.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(vault.getRequestTimeout()).isEqualTo(Duration.ofSeconds(7));
  }
}
