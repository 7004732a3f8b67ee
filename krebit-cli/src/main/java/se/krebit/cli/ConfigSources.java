package se.krebit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.TypeConversionException;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.KrebitAuthConfig;

/**
 * Where one command's configuration comes from: flags, then environment variables, then the config
 * file, merged and read through {@link KrebitAuthConfig#fromEnvironment(Map, Map)}. Keys are
 * {@link KrebitAuthConfig}'s environment names ({@code KREBIT_TENANT}); the config file may use them or
 * their property form ({@code krebit.tenant}). Secrets (the client secret, the store key) come only
 * from the environment, standard input or a file of their own, never from a flag value or the config
 * file. Errors name the setting, where it can be set and the kind of problem, never a value: a value
 * typed into the wrong setting may be a secret. Paths the user gave are not echoed either; only the
 * default config file, which krebit chose, is named by its path.
 */
final class ConfigSources {
  static final String TENANT = KrebitAuthConfig.ENV_TENANT;
  static final String CLIENT_ID = KrebitAuthConfig.ENV_CLIENT_ID;
  static final String CLIENT_SECRET = KrebitAuthConfig.ENV_CLIENT_SECRET;
  static final String CLIENT_SECRET_FILE = "KREBIT_CLIENT_SECRET_FILE";
  static final String STORE_DIR = "KREBIT_STORE_DIR";
  static final String STORE_KEY = "KREBIT_STORE_KEY";
  static final String STORE_WAIT = "KREBIT_STORE_WAIT";
  static final String CONFIG = "KREBIT_CONFIG";
  static final String LOGIN_PORT = "KREBIT_LOGIN_PORT";
  static final String CONFIG_FILE_NAME = "config.properties";

  static final String TOKEN_PATH = KrebitAuthConfig.ENV_TOKEN_PATH;
  static final String TOKEN_URL = KrebitAuthConfig.ENV_TOKEN_URL;

  /** What a config file may set; the environment may set these too. */
  private static final List<String> SETTABLE = List.of(
      TENANT, CLIENT_ID, CLIENT_SECRET_FILE, STORE_DIR, STORE_WAIT, LOGIN_PORT, KrebitAuthConfig.ENV_CONNECT_TIMEOUT,
      KrebitAuthConfig.ENV_READ_TIMEOUT, KrebitAuthConfig.ENV_MAX_ATTEMPTS, KrebitAuthConfig.ENV_MAX_RETRY_AFTER,
      KrebitAuthConfig.ENV_LOG_LEVEL, TOKEN_PATH, TOKEN_URL, KrebitAuthConfig.ENV_AUTHORIZE_URL,
      KrebitAuthConfig.ENV_REQUEST_FORMAT, KrebitAuthConfig.ENV_CLIENT_AUTHENTICATION,
      KrebitAuthConfig.ENV_EXPIRES_IN_WHEN_ABSENT);
  private static final Set<String> SECRETS = Set.of(CLIENT_SECRET, STORE_KEY);

  private final Map<String, String> values;
  private final Map<String, String> environment;
  /** How errors name the config file: its path when krebit chose it, else the flag or variable naming it. */
  private final String configName;

  private ConfigSources(Map<String, String> values, Map<String, String> environment, String configName) {
    this.values = values;
    this.environment = environment;
    this.configName = configName;
  }

  /**
   * Reads the config file and merges it with the environment and {@code flags}.
   *
   * @throws KrebitConfigurationException if the config file named is missing, unreadable, holds an
   *     unknown key or a secret
   */
  static ConfigSources load(TenantOptions flags, CliEnvironment env) {
    Map<String, String> environment = env.variables();
    Path explicit = flags.config != null ? flags.config : path(CONFIG, nonBlank(environment.get(CONFIG)));
    Path configFile = explicit != null ? explicit : env.krebitHome().resolve(CONFIG_FILE_NAME);
    String configName = explicit == null
        ? "the config file " + configFile
        : "the config file named by " + (flags.config != null ? "--config" : CONFIG);
    Map<String, String> values = new HashMap<>(readConfigFile(configFile, configName, explicit != null));
    for (String key : SETTABLE) {
      putIfSet(values, key, environment.get(key));
    }
    putIfSet(values, TENANT, flags.tenant);
    putIfSet(values, CLIENT_ID, flags.clientId);
    if (flags.tokenPath != null || flags.tokenUrl != null) {
      values.remove(TOKEN_PATH); // a flag replaces the other spelling set elsewhere, not joins it
      values.remove(TOKEN_URL);
    }
    putIfSet(values, TOKEN_PATH, flags.tokenPath);
    putIfSet(values, TOKEN_URL, flags.tokenUrl);
    putIfSet(values, STORE_DIR, flags.storeDir == null ? null : flags.storeDir.toString());
    return new ConfigSources(values, environment, configName);
  }

  /** The tenant to talk to, with the token and authorization endpoints set, if they are. */
  Tenant tenant() {
    required(TENANT, "--tenant", "tenant");
    return KrebitAuthConfig.tenantFromEnvironment(values, Map.of());
  }

  /** The token path set by flag, environment or config file, for a fake that should answer there. */
  Optional<String> tokenPath() {
    return Optional.ofNullable(values.get(TOKEN_PATH));
  }

  /** The OAuth client id. */
  String clientId() {
    return required(CLIENT_ID, "--client-id", "client id");
  }

  /** Where signed-in users' tokens are kept. */
  Path storeDir(CliEnvironment env) {
    Path dir = path(STORE_DIR, values.get(STORE_DIR));
    return dir == null ? env.krebitHome() : dir;
  }

  /**
   * How long a store operation waits while other krebit processes use the store, and how long krebit
   * goes on trying, before it exits, to store a refreshed refresh token it could not store at once.
   */
  Duration storeWait() {
    String value = values.get(STORE_WAIT);
    if (value == null) {
      return LocalStore.DEFAULT_WAIT;
    }
    try {
      return new DurationConverter().convert(value);
    } catch (TypeConversionException e) {
      throw new KrebitConfigurationException(STORE_WAIT + " must be a positive duration such as 10s or 500ms");
    }
  }

  /** The port of {@code krebit login}'s loopback redirect URI; 0 for a free one. */
  int loginPort() {
    String value = values.get(LOGIN_PORT);
    if (value == null) {
      return 0;
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new KrebitConfigurationException(LOGIN_PORT + " must be a port number, 0 to 65535");
  }

  /** The store's key as Tink keyset JSON, if the environment holds it. */
  Optional<String> storeKey() {
    return Optional.ofNullable(nonBlank(environment.get(STORE_KEY)));
  }

  /**
   * The client secret: from standard input or the file the flags name, else the environment
   * variable, else the file the environment or the config file names.
   */
  ClientSecret clientSecret(SecretOptions flags, InputStream stdin) {
    if (flags.stdin && flags.file != null) {
      throw new KrebitConfigurationException("give the client secret once: --client-secret-file or --client-secret-stdin");
    }
    if (flags.stdin) {
      return secretFrom(readStdin(stdin), "standard input (--client-secret-stdin)");
    }
    if (flags.file != null) {
      return secretFrom(readSecretFile(flags.file, "--client-secret-file"), "the file named by --client-secret-file");
    }
    String fromEnvironment = nonBlank(environment.get(CLIENT_SECRET));
    if (fromEnvironment != null) {
      return ClientSecret.of(fromEnvironment);
    }
    Path file = path(CLIENT_SECRET_FILE, values.get(CLIENT_SECRET_FILE));
    if (file != null) {
      return secretFrom(readSecretFile(file, CLIENT_SECRET_FILE), "the file named by " + CLIENT_SECRET_FILE);
    }
    throw new KrebitConfigurationException(
        "No client secret is configured: set " + CLIENT_SECRET + ", pass --client-secret-file FILE or"
            + " --client-secret-stdin, or name a file with krebit.client.secret.file in " + configName
            + ". It is never taken from a flag's value.");
  }

  /**
   * The library's configuration from these settings and {@code secret}, validated: malformed values
   * fail naming their key.
   */
  KrebitAuthConfig authConfig(ClientSecret secret) {
    tenant();
    clientId();
    Map<String, String> all = new HashMap<>(values);
    all.put(CLIENT_SECRET, secret.reveal());
    return KrebitAuthConfig.fromEnvironment(all, Map.of());
  }

  private String required(String key, String flag, String what) {
    String value = values.get(key);
    if (value == null) {
      throw new KrebitConfigurationException(
          "No " + what + " is configured: pass " + flag + ", set " + key + ", or put "
              + propertyName(key) + "=… in " + configName + " (or try --fake for an embedded fake server).");
    }
    return value;
  }

  private static Map<String, String> readConfigFile(Path file, String configName, boolean mustExist) {
    Properties properties = new Properties();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      properties.load(new StringReader(text));
    } catch (NoSuchFileException e) {
      if (mustExist) {
        throw new KrebitConfigurationException(configName + " does not exist");
      }
      return Map.of();
    } catch (IOException | IllegalArgumentException e) {
      // the exception's message may quote the file's content or its path
      throw new KrebitConfigurationException(configName + " can't be read (" + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> values = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      String key = name.strip().toUpperCase(Locale.ROOT).replace('.', '_');
      if (SECRETS.contains(key)) {
        throw new KrebitConfigurationException(
            configName + " sets " + propertyName(key) + ", but secrets don't belong in it: set " + key
                + " in the environment" + (key.equals(CLIENT_SECRET)
                    ? ", or name a file of its own with krebit.client.secret.file or --client-secret-file"
                    : ", or let krebit keep the key in store-key.json in the store directory"));
      }
      if (!SETTABLE.contains(key)) {
        // Named by its line, not echoed: a stray line holding only a secret parses as a key.
        throw new KrebitConfigurationException(
            configName + " sets an unknown key" + ConfigLines.lineOf(text, name).map(line -> " on line " + line).orElse("")
                + "; known keys: " + String.join(", ", SETTABLE.stream().map(ConfigSources::propertyName).toList()));
      }
      putIfSet(values, key, properties.getProperty(name));
    }
    return values;
  }

  private static ClientSecret secretFrom(String text, String source) {
    String secret = text.strip();
    if (secret.isEmpty()) {
      throw new KrebitConfigurationException("the client secret from " + source + " is empty");
    }
    return ClientSecret.of(secret);
  }

  private static String readSecretFile(Path file, String setting) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new KrebitConfigurationException(
          setting + ": can't read the client secret file it names (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String readStdin(InputStream stdin) {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KrebitConfigurationException("can't read the client secret from standard input", e);
    }
  }

  /** {@code KREBIT_CLIENT_ID} ⇒ {@code krebit.client.id}. */
  static String propertyName(String key) {
    return key.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static void putIfSet(Map<String, String> values, String key, @Nullable String value) {
    String checked = nonBlank(value);
    if (checked != null) {
      values.put(key, checked);
    }
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The path {@code value} names, or null without one.
   *
   * @throws KrebitConfigurationException naming {@code key}, not the value, if it is no path here (a
   *     NUL character, say)
   */
  private static @Nullable Path path(String key, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new KrebitConfigurationException(key + " is not a valid path on this system");
    }
  }
}
