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
class ConfigSourcesTest {
  @TempDir Path home;
  private final Map<String, String> environment = new HashMap<>();
  private final TenantOptions flags = new TenantOptions();

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
    config("krebit.tenant=from-file\nkrebit.client.id=file-client\nkrebit.read.timeout=PT7S\n");
    environment.put("KREBIT_TENANT", "from-env");
    environment.put("KREBIT_CLIENT_ID", "env-client");
    flags.tenant = "from-flag";

    ConfigSources settings = load();

    assertThat(settings.tenant().id()).isEqualTo("from-flag");
    assertThat(settings.clientId()).isEqualTo("env-client");
    environment.put("KREBIT_CLIENT_SECRET", "s3cret");
    KrebitAuthConfig config = load().authConfig(load().clientSecret(new SecretOptions(), stdin("")));
    assertThat(config.http().callTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void theConfigFileMayUseEnvironmentNamesAndLiveElsewhere() throws IOException {
    Path file = home.resolve("elsewhere.properties");
    Files.writeString(file, "KREBIT_TENANT=acme\nKREBIT_CLIENT_ID=abc\n");
    environment.put("KREBIT_CONFIG", file.toString());

    assertThat(load().tenant().id()).isEqualTo("acme");
    flags.config = home.resolve("missing.properties");
    assertThatThrownBy(this::load)
        .hasMessageContaining("the config file named by --config does not exist")
        .hasMessageNotContaining("missing.properties");
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
  void anUnknownKeyInTheConfigFileIsAnErrorNamingItsLine() throws IOException {
    config("# krebit\nkrebit.tenant=acme\nkrebit.tennant=acme\n");

    assertThatThrownBy(this::load)
        .hasMessageContaining("sets an unknown key on line 3")
        .hasMessageContaining("known keys: krebit.tenant")
        .hasMessageNotContaining("tennant");
  }

  /** A stray line holding only a secret parses as a key; it was echoed as "unknown key '…'" (issues 14.4, 15.5). */
  @Test
  void aConfigLineThatIsOnlyASecretIsNotEchoed() throws IOException {
    config("krebit.tenant=acme\nsk_live_PLANTED_4f9a2c\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("unknown key on line 2")
        .hasMessageNotContaining("PLANTED");
  }

  /** Errors about a setting name it and the kind of problem, never its value (issue 15.5). */
  @Test
  void noSettingErrorEchoesItsValue() throws IOException {
    String secret = "sk_live_PLANTED_" + "z".repeat(30);
    environment.put("KREBIT_TENANT", secret);
    assertThatThrownBy(() -> load().tenant()).hasMessageContaining("KREBIT_TENANT: ").hasMessageNotContaining("PLANTED");
    environment.put("KREBIT_TENANT", "https://" + secret + ".example/");
    assertThatThrownBy(() -> load().tenant()).hasMessageContaining("KREBIT_TENANT: ").hasMessageNotContaining("PLANTED");
    environment.put("KREBIT_LOGIN_PORT", secret);
    assertThatThrownBy(() -> load().loginPort()).hasMessageContaining("KREBIT_LOGIN_PORT").hasMessageNotContaining("PLANTED");
    environment.put("KREBIT_CLIENT_SECRET_FILE", home.resolve(secret).toString());
    assertThatThrownBy(() -> load().clientSecret(new SecretOptions(), stdin("")))
        .hasMessageContaining("KREBIT_CLIENT_SECRET_FILE: can't read the client secret file it names (NoSuchFileException)")
        .hasMessageNotContaining("PLANTED");
    SecretOptions flag = new SecretOptions();
    flag.file = home.resolve(secret);
    assertThatThrownBy(() -> load().clientSecret(flag, stdin("")))
        .hasMessageContaining("--client-secret-file: can't read")
        .hasMessageNotContaining("PLANTED");
    environment.put("KREBIT_CONFIG", home.resolve(secret).toString());
    assertThatThrownBy(this::load).hasMessageContaining("named by KREBIT_CONFIG does not exist").hasMessageNotContaining("PLANTED");
  }

  /** A NUL in a configured path ended the CLI with "unexpected InvalidPathException" (issue 15.6). */
  @Test
  void aPathThatIsNoPathIsAConfigurationErrorNamingTheSetting() throws IOException {
    config("krebit.store.dir=\\u0000x\n");
    assertThatThrownBy(() -> load().storeDir(env()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("KREBIT_STORE_DIR is not a valid path on this system");
    config("krebit.client.secret.file=a\\u0000b\n");
    assertThatThrownBy(() -> load().clientSecret(new SecretOptions(), stdin("")))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("KREBIT_CLIENT_SECRET_FILE is not a valid path on this system");
    environment.put("KREBIT_CONFIG", "c\u0000d");
    assertThatThrownBy(this::load)
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("KREBIT_CONFIG is not a valid path on this system");
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

  private ConfigSources load() {
    return ConfigSources.load(flags, env());
  }

  private CliEnvironment env() {
    return new CliEnvironment(environment, home, stdin(""), uri -> false);
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
