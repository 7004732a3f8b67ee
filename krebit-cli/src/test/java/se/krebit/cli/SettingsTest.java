package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.feign.KrebitAuthConfig;

/** Where each setting comes from: flags, then environment variables, then the config file. */
class SettingsTest {
  @TempDir Path home;
  private final Map<String, String> environment = new HashMap<>();
  private final TenantOptions flags = new TenantOptions();

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
    config("krebit.tenant=from-file\nkrebit.client.id=file-client\nkrebit.read.timeout=PT7S\n");
    environment.put("KREBIT_TENANT", "from-env");
    environment.put("KREBIT_CLIENT_ID", "env-client");
    flags.tenant = "from-flag";

    Settings settings = load();

    assertThat(settings.tenant().id()).isEqualTo("from-flag");
    assertThat(settings.clientId()).isEqualTo("env-client");
    environment.put("KREBIT_CLIENT_SECRET", "s3cret");
    KrebitAuthConfig config = load().authConfig(load().clientSecret(new SecretOptions(), stdin("")));
    assertThat(config.transport().readTimeout()).contains(Duration.ofSeconds(7));
  }

  @Test
  void theConfigFileMayUseEnvironmentNamesAndLiveElsewhere() throws IOException {
    Path file = home.resolve("elsewhere.properties");
    Files.writeString(file, "KREBIT_TENANT=acme\nKREBIT_CLIENT_ID=abc\n");
    environment.put("KREBIT_CONFIG", file.toString());

    assertThat(load().tenant().id()).isEqualTo("acme");
    flags.config = home.resolve("missing.properties");
    assertThatThrownBy(this::load).hasMessageContaining("missing.properties does not exist");
  }

  @Test
  void aMissingSettingNamesTheFlagTheVariableAndTheConfigKey() {
    assertThatThrownBy(() -> load().tenant())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("--tenant")
        .hasMessageContaining("KREBIT_TENANT")
        .hasMessageContaining("krebit.tenant=")
        .hasMessageContaining(home.resolve(".krebit/config.properties").toString());
    assertThatThrownBy(() -> load().clientId()).hasMessageContaining("KREBIT_CLIENT_ID");
    assertThatThrownBy(() -> load().clientSecret(new SecretOptions(), stdin("")))
        .hasMessageContaining("KREBIT_CLIENT_SECRET")
        .hasMessageContaining("--client-secret-file")
        .hasMessageContaining("--client-secret-stdin");
  }

  @Test
  void aMalformedValueNamesItsKey() throws IOException {
    config("krebit.tenant=Not A Label\n");
    assertThatThrownBy(() -> load().tenant()).hasMessageContaining("KREBIT_TENANT: tenant organization must be a DNS label");
    config("krebit.tenant=acme\nkrebit.client.id=abc\nkrebit.connect.timeout=soon\n");
    environment.put("KREBIT_CLIENT_SECRET", "s3cret");
    assertThatThrownBy(() -> load().authConfig(load().clientSecret(new SecretOptions(), stdin(""))))
        .hasMessageContaining("KREBIT_CONNECT_TIMEOUT")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void theClientSecretComesFromStdinAFileOrTheEnvironmentInThatOrder() throws IOException {
    Path file = home.resolve("secret.txt");
    Files.writeString(file, "  file-secret\n");
    environment.put("KREBIT_CLIENT_SECRET", "env-secret");
    SecretOptions secret = new SecretOptions();

    assertThat(load().clientSecret(secret, stdin("")).reveal()).isEqualTo("env-secret");
    secret.file = file;
    assertThat(load().clientSecret(secret, stdin("")).reveal()).isEqualTo("file-secret");
    secret.file = null;
    secret.stdin = true;
    assertThat(load().clientSecret(secret, stdin("stdin-secret\n")).reveal()).isEqualTo("stdin-secret");
    secret.file = file;
    assertThatThrownBy(() -> load().clientSecret(secret, stdin("x"))).hasMessageContaining("give the client secret once");
  }

  @Test
  void theConfigFileMayNameASecretFileButNeverHoldASecret() throws IOException {
    Path file = home.resolve("secret.txt");
    Files.writeString(file, "file-secret");
    config("krebit.client.secret.file=" + file.toString().replace("\\", "/") + "\n");
    assertThat(load().clientSecret(new SecretOptions(), stdin("")).reveal()).isEqualTo("file-secret");

    config("krebit.client.secret=file-secret\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("secrets don't belong in it")
        .hasMessageNotContaining("file-secret");
    config("krebit.store.key={}\n");
    assertThatThrownBy(this::load).hasMessageContaining("KREBIT_STORE_KEY");
  }

  @Test
  void anUnknownKeyInTheConfigFileIsAnErrorNamingIt() throws IOException {
    config("krebit.tennant=acme\n");

    assertThatThrownBy(this::load).hasMessageContaining("unknown key 'krebit.tennant'").hasMessageContaining("krebit.tenant");
  }

  @Test
  void theStoreDirectoryAndLoginPortHaveDefaultsAndOverrides() throws IOException {
    assertThat(load().storeDir(env())).isEqualTo(home.resolve(".krebit"));
    assertThat(load().loginPort()).isZero();
    config("krebit.store.dir=/var/lib/krebit\nkrebit.login.port=8400\n");
    assertThat(load().storeDir(env())).isEqualTo(Path.of("/var/lib/krebit"));
    assertThat(load().loginPort()).isEqualTo(8400);
    flags.storeDir = home.resolve("flag-store");
    assertThat(load().storeDir(env())).isEqualTo(home.resolve("flag-store"));
    environment.put("KREBIT_LOGIN_PORT", "http");
    assertThatThrownBy(() -> load().loginPort()).hasMessageContaining("KREBIT_LOGIN_PORT");
  }

  private void config(String text) throws IOException {
    Files.createDirectories(home.resolve(".krebit"));
    Files.writeString(home.resolve(".krebit/config.properties"), text);
  }

  private Settings load() {
    return Settings.load(flags, env());
  }

  private CliEnvironment env() {
    return new CliEnvironment(environment, home, stdin(""), uri -> false);
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
