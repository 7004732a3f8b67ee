package se.krebit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standalone server's command line (see {@link #HELP}), each option also as
 * {@code --name=value}.
 *
 * @param apps the clients, with every redirect URI and their roles
 * @param redirectUris the redirect URIs registered for every client
 * @param autoApprove the user every authorize request is approved as, if any
 * @param userRoles the roles given to ids that name no client: users' roles
 * @param tokenPaths the paths the token endpoint answers at; empty for the default
 * @param help whether {@code --help} was asked for; nothing else is then checked
 */
record StandaloneOptions(
    int port,
    List<RegisteredApp> apps,
    Duration tokenLifetime,
    List<String> redirectUris,
    Optional<String> autoApprove,
    Map<String, Set<String>> userRoles,
    List<String> tokenPaths,
    boolean help) {
  static final int DEFAULT_PORT = 8089;
  static final String USAGE = "usage: java -jar krebit-testkit-standalone.jar [--port N] --client ID:SECRET"
      + " [--client ID:SECRET ...] [--token-lifetime SECONDS] [--redirect-uri URI ...] [--auto-approve USER]"
      + " [--role ID:ROLE ...] [--token-path PATH ...]";
  static final String HELP = USAGE + "\n\n"
      + "Runs a fake Krebit Sign server on 127.0.0.1 until stopped.\n\n"
      + "  --port N              the port to listen on; default " + DEFAULT_PORT + ", 0 picks a free one\n"
      + "  --client ID:SECRET    registers an OAuth client (repeatable, at least one)\n"
      + "  --token-lifetime S    how long access tokens live, in seconds; default 3600\n"
      + "  --redirect-uri URI    registers a redirect URI for every client (repeatable); authorize\n"
      + "                        requests must name one exactly\n"
      + "  --auto-approve USER   answers every authorize request at once with a redirect carrying a\n"
      + "                        code for USER, instead of showing the consent page\n"
      + "  --role ID:ROLE        gives ROLE to the client ID, or to the user ID if no client is\n"
      + "                        called so (repeatable)\n"
      + "  --token-path PATH     serves the token endpoint at PATH instead of /oauth/token\n"
      + "                        (repeatable; Krebit's guides also name /api/oauth/token)\n"
      + "  --help, -h            prints this\n";
  private static final Set<String> OPTIONS =
      Set.of("--port", "--client", "--token-lifetime", "--redirect-uri", "--auto-approve", "--role", "--token-path");

  /** @throws UsageException naming the first problem */
  static StandaloneOptions parse(String... args) {
    Parsed parsed = new Parsed();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new StandaloneOptions(parsed.port, List.of(), parsed.lifetime, List.of(), Optional.empty(), Map.of(),
            List.of(), true);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!OPTIONS.contains(name)) {
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
      parsed.take(name, value);
    }
    return parsed.options();
  }

  /** The options read so far. */
  private static final class Parsed {
    int port = DEFAULT_PORT;
    Duration lifetime = FakeKrebitServer.DEFAULT_TOKEN_LIFETIME;
    final List<RegisteredApp> apps = new ArrayList<>();
    final Set<String> redirectUris = new LinkedHashSet<>();
    Optional<String> autoApprove = Optional.empty();
    final Map<String, Set<String>> roles = new LinkedHashMap<>();
    final Set<String> tokenPaths = new LinkedHashSet<>();

    void take(String name, String value) {
      switch (name) {
        case "--port" -> port = integer(name, value, 0, 65_535);
        case "--client" -> apps.add(client(value, apps));
        case "--token-lifetime" -> lifetime = Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE));
        case "--redirect-uri" -> redirectUris.add(checked(name, () -> RegisteredApp.checkRedirectUri(value)));
        case "--token-path" -> tokenPaths.add(checked(name, () -> {
          FakeKrebitServer.builder().tokenPaths(value); // its rules, checked now
          return value;
        }));
        case "--auto-approve" -> {
          if (autoApprove.isPresent()) {
            throw new UsageException("--auto-approve is given twice");
          }
          autoApprove = Optional.of(checked(name, () -> ConsentScript.checkUserId(value)));
        }
        default -> role(value);
      }
    }

    void role(String value) {
      int colon = value.indexOf(':');
      if (colon <= 0 || colon == value.length() - 1 || value.substring(colon + 1).isBlank()) {
        throw new UsageException("--role must be ID:ROLE, both non-empty");
      }
      String id = checked("--role", () -> ConsentScript.checkUserId(value.substring(0, colon)));
      roles.computeIfAbsent(id, i -> new LinkedHashSet<>()).add(value.substring(colon + 1));
    }

    StandaloneOptions options() {
      if (apps.isEmpty()) {
        throw new UsageException("at least one --client ID:SECRET is required");
      }
      List<RegisteredApp> configured = new ArrayList<>();
      Map<String, Set<String>> userRoles = new LinkedHashMap<>(roles);
      for (RegisteredApp app : apps) {
        Set<String> appRoles = Optional.ofNullable(userRoles.remove(app.clientId())).orElse(Set.of());
        configured.add(app.withRoles(appRoles).withRedirectUris(redirectUris.toArray(String[]::new)));
      }
      return new StandaloneOptions(port, List.copyOf(configured), lifetime, List.copyOf(redirectUris), autoApprove,
          Map.copyOf(userRoles), List.copyOf(tokenPaths), false);
    }
  }

  private static String checked(String name, java.util.function.Supplier<String> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage());
    }
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
