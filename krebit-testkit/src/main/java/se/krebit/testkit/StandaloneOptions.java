package se.krebit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone server's command line: {@code [--port N] --client ID:SECRET [--client ID:SECRET
 * ...] [--token-lifetime SECONDS]}, each option also as {@code --name=value}.
 *
 * @param help whether {@code --help} was asked for; nothing else is then checked
 */
record StandaloneOptions(int port, List<RegisteredApp> apps, Duration tokenLifetime, boolean help) {
  static final int DEFAULT_PORT = 8089;
  static final String USAGE = "usage: java -jar krebit-testkit-standalone.jar [--port N] --client ID:SECRET"
      + " [--client ID:SECRET ...] [--token-lifetime SECONDS]";

  /** @throws UsageException naming the first problem */
  static StandaloneOptions parse(String... args) {
    int port = DEFAULT_PORT;
    List<RegisteredApp> apps = new ArrayList<>();
    Duration lifetime = FakeKrebitServer.DEFAULT_TOKEN_LIFETIME;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new StandaloneOptions(port, List.of(), lifetime, true);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!name.equals("--port") && !name.equals("--client") && !name.equals("--token-lifetime")) {
        throw new UsageException("unknown option '" + arg + "'");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (++i < args.length) {
        value = args[i];
      } else {
        throw new UsageException(name + " needs a value");
      }
      switch (name) {
        case "--port" -> port = integer(name, value, 0, 65_535);
        case "--client" -> apps.add(client(value, apps));
        default -> lifetime = Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE));
      }
    }
    if (apps.isEmpty()) {
      throw new UsageException("at least one --client ID:SECRET is required");
    }
    return new StandaloneOptions(port, List.copyOf(apps), lifetime, false);
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
  }

  private static RegisteredApp client(String value, List<RegisteredApp> apps) {
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new UsageException("--client must be ID:SECRET, both non-empty");
    }
    String clientId = value.substring(0, colon);
    if (apps.stream().anyMatch(app -> app.clientId().equals(clientId))) {
      throw new UsageException("client '" + clientId + "' is given twice");
    }
    try {
      return RegisteredApp.of(clientId, value.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new UsageException("--client " + clientId + ":…: " + e.getMessage());
    }
  }

  /** A command line that cannot be run; the message fits on one line and names no secret. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }
}
