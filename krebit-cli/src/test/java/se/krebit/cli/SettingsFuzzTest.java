package se.krebit.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.testkit.hostile.FuzzInvariants;

/**
 * Fuzzes the command line's settings: each input is the config file, except that lines starting
 * with {@code env:} set environment variables instead, and {@code {secret}} stands for a real-looking
 * secret typed into the wrong place. Every setting the commands read gives its value or a {@link
 * KrebitConfigurationException} (exit code 2) that names the setting and echoes no part of the
 * secret, whatever the file holds. Seeds: {@code SettingsFuzzTestInputs}.
 */
class SettingsFuzzTest {
  private static final String SECRET = "sk_live_Wn4PLANTEDcliR8t2y";
  private static final List<String> PARTS = List.of(SECRET, SECRET.substring(0, 8), SECRET.substring(SECRET.length() - 8));
  private static Path home;

  @BeforeAll
  static void home() throws IOException {
    home = Files.createTempDirectory("krebit-settings-fuzz");
    Files.createDirectories(home.resolve(".krebit"));
  }

  @AfterAll
  static void clean() throws IOException {
    Files.deleteIfExists(home.resolve(".krebit").resolve(ConfigSources.CONFIG_FILE_NAME));
    Files.deleteIfExists(home.resolve(".krebit"));
    Files.deleteIfExists(home);
  }

  @FuzzTest(maxDuration = "10m")
  void anySettingsAreValuesOrTypedErrorsThatEchoNothing(byte[] input) throws IOException {
    StringBuilder file = new StringBuilder();
    Map<String, String> environment = new HashMap<>();
    for (String line : new String(input, StandardCharsets.UTF_8).replace("{secret}", SECRET).split("\n", -1)) {
      int equals = line.indexOf('=');
      if (line.startsWith("env:") && equals > 4) {
        environment.put(line.substring(4, equals), line.substring(equals + 1));
      } else {
        file.append(line).append('\n');
      }
    }
    Files.writeString(home.resolve(".krebit").resolve(ConfigSources.CONFIG_FILE_NAME), file);
    CliEnvironment env = new CliEnvironment(environment, home, new ByteArrayInputStream(new byte[0]), uri -> false);
    long started = FuzzInvariants.threadCpuNanos();
    ConfigSources settings = read(() -> ConfigSources.load(new TenantOptions(), env));
    if (settings != null) {
      read(settings::tenant);
      read(settings::clientId);
      read(() -> settings.storeDir(env));
      read(settings::storeWait);
      read(settings::loginPort);
      read(settings::storeKey);
      read(() -> settings.authConfig(ClientSecret.of("cs-not-the-planted-one")));
    }
    FuzzInvariants.withinCpuBudget(started, Duration.ofSeconds(2));
  }

  /** The setting, or null after checking its error: typed, and echoing no part of the secret. */
  private static <T> T read(Supplier<T> setting) {
    try {
      return setting.get();
    } catch (KrebitConfigurationException e) {
      String reported = ErrorReport.of(e).message() + " " + e;
      for (String part : PARTS) {
        if (reported.contains(part)) {
          throw new AssertionError("a settings error echoes (part of) a value typed into a setting");
        }
      }
      if (ErrorReport.of(e).exitCode() != ExitCode.CONFIGURATION) {
        throw new AssertionError("a settings error does not end the command with exit code 2");
      }
      return null;
    }
  }
}
