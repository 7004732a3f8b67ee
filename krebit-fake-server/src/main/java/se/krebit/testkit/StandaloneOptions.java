package se.krebit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standalone server's command line (see {@link #HELP}), each option also as {@code
 * --name=value}.
 *
 * @param apps the clients, with every redirect URI and their roles
 * @param redirectUris the redirect URIs registered for every client
 * @param autoApprove the users authorize requests are approved as, the first unless a {@code
 *     login_hint} names another; empty for the consent page
 * @param userRoles the roles given to ids that name no client: users' roles
 * @param tokenPaths the paths the token endpoint answers at; empty for the default
 * @param refresh what refreshing does to refresh tokens, and how long they live
 * @param adminTokenFile the file holding the admin API's token, if the admin API is to be open
 * @param help whether {@code --help} was asked for; nothing else is then checked
 */
record StandaloneOptions(
    int port,
    List<RegisteredApp> apps,
    Duration tokenLifetime,
    List<String> redirectUris,
    List<String> autoApprove,
    Map<String, Set<String>> userRoles,
    List<String> tokenPaths,
    RefreshSettings refresh,
    Optional<Path> adminTokenFile,
    boolean help) {
  static final int DEFAULT_PORT = 8089;
  static final String USAGE =
      "usage: java -jar krebit-fake-server-standalone.jar [--port N] --client ID:SECRET"
          + " [--client ID:SECRET ...] [--token-lifetime SECONDS] [--redirect-uri URI ...] [--auto-approve USER ...]"
          + " [--role ID:ROLE ...] [--token-path PATH ...] [--refresh-rotation MODE] [--refresh-reuse-grace SECONDS]"
          + " [--refresh-token-lifetime SECONDS] [--admin-token-file FILE]";
  static final String HELP =
      USAGE
          + "\n\n"
          + "Runs a fake Krebit Sign server on 127.0.0.1 (loopback only) until stopped.\n\n"
          + "  --port N              the port to listen on; default "
          + DEFAULT_PORT
          + ", 0 picks a free one\n"
          + "  --client ID:SECRET    registers an OAuth client (repeatable, at least one)\n"
          + "  --token-lifetime S    how long access tokens live, in seconds; default 3600\n"
          + "  --redirect-uri URI    registers a redirect URI for every client (repeatable); authorize\n"
          + "                        requests must name one exactly\n"
          + "  --auto-approve USER   answers authorize requests at once with a redirect carrying a code for\n"
          + "                        USER, instead of showing the consent page (repeatable: the user the\n"
          + "                        request's login_hint names, else the first one given)\n"
          + "  --role ID:ROLE        gives ROLE to the client ID, or to the user ID if no client is\n"
          + "                        called so (repeatable)\n"
          + "  --token-path PATH     serves the token endpoint at PATH instead of /oauth/token\n"
          + "                        (repeatable; Krebit's guides also name /api/oauth/token)\n"
          + "  --refresh-rotation M  what a refresh does to the refresh token: rotate (the default: strict\n"
          + "                        rotation with reuse detection; every refresh answers a new refresh\n"
          + "                        token and retires the one presented, and presenting a retired one\n"
          + "                        again revokes its whole token family), keep-and-repeat (one refresh\n"
          + "                        token for life, repeated in every answer) or keep-and-omit (one for\n"
          + "                        life, left out of refresh answers)\n"
          + "  --refresh-reuse-grace S  with rotation, how long a just-retired refresh token is still\n"
          + "                        accepted, once, in seconds; default 0 (never)\n"
          + "  --refresh-token-lifetime S  how long a refresh token can be redeemed, in seconds from its\n"
          + "                        issue; default: until its family is revoked\n"
          + "  --admin-token-file F  opens the admin API under /__admin (WireMock's routes and the request\n"
          + "                        journal as JSON at /__admin/krebit/journal) to requests with\n"
          + "                        'Authorization: Bearer TOKEN', TOKEN being the content of F (at least\n"
          + "                        16 characters); without it the admin API answers everyone 401\n"
          + "  --help, -h            prints this\n\n"
          + "Request bodies over 16 MiB are answered 413 unread, and malformed percent-encoding 400.\n";

  /** Every option that takes a value; {@code --help} and {@code -h} take none. */
  static final Set<String> OPTIONS =
      Set.of(
          "--port",
          "--client",
          "--token-lifetime",
          "--redirect-uri",
          "--auto-approve",
          "--role",
          "--token-path",
          "--refresh-rotation",
          "--refresh-reuse-grace",
          "--refresh-token-lifetime",
          "--admin-token-file");

  private static final Map<String, RefreshTokenRotation> ROTATIONS =
      Map.of(
          "rotate", RefreshTokenRotation.ROTATE,
          "keep-and-repeat", RefreshTokenRotation.KEEP_AND_REPEAT,
          "keep-and-omit", RefreshTokenRotation.KEEP_AND_OMIT);

  /**
   * @throws UsageException naming the first problem
   */
  static StandaloneOptions parse(String... args) {
    Parsed parsed = new Parsed();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new StandaloneOptions(
            parsed.port,
            List.of(),
            parsed.lifetime,
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            parsed.refresh(),
            Optional.empty(),
            true);
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
    final List<String> autoApprove = new ArrayList<>();
    final Map<String, Set<String>> roles = new LinkedHashMap<>();
    final Set<String> tokenPaths = new LinkedHashSet<>();
    RefreshTokenRotation rotation = RefreshTokenRotation.ROTATE;
    Duration reuseGrace = Duration.ZERO;
    Optional<Duration> refreshTokenLifetime = Optional.empty();
    Optional<Path> adminTokenFile = Optional.empty();

    void take(String name, String value) {
      switch (name) {
        case "--port" -> port = integer(name, value, 0, 65_535);
        case "--client" -> apps.add(client(value, apps));
        case "--token-lifetime" ->
            lifetime = Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE));
        case "--redirect-uri" ->
            redirectUris.add(checked(name, () -> RegisteredApp.checkRedirectUri(value)));
        case "--token-path" ->
            tokenPaths.add(
                checked(
                    name,
                    () -> {
                      FakeKrebitServer.builder().tokenPaths(value); // its rules, checked now
                      return value;
                    }));
        case "--auto-approve" -> {
          String user = checked(name, () -> ConsentScript.checkUserId(value));
          if (autoApprove.contains(user)) {
            throw new UsageException("--auto-approve names the same user twice");
          }
          autoApprove.add(user);
        }
        case "--refresh-rotation" ->
            rotation =
                Optional.ofNullable(ROTATIONS.get(value))
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "--refresh-rotation must be rotate, keep-and-repeat or keep-and-omit"));
        case "--refresh-reuse-grace" ->
            reuseGrace = Duration.ofSeconds(integer(name, value, 0, Integer.MAX_VALUE));
        case "--refresh-token-lifetime" ->
            refreshTokenLifetime =
                Optional.of(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE)));
        case "--admin-token-file" -> adminTokenFile = Optional.of(path(name, value));
        default -> role(value);
      }
    }

    RefreshSettings refresh() {
      return new RefreshSettings(rotation, reuseGrace, refreshTokenLifetime);
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
        Set<String> appRoles =
            Optional.ofNullable(userRoles.remove(app.clientId())).orElse(Set.of());
        configured.add(
            app.withRoles(appRoles).withRedirectUris(redirectUris.toArray(String[]::new)));
      }
      return new StandaloneOptions(
          port,
          List.copyOf(configured),
          lifetime,
          List.copyOf(redirectUris),
          List.copyOf(autoApprove),
          Map.copyOf(userRoles),
          List.copyOf(tokenPaths),
          refresh(),
          adminTokenFile,
          false);
    }
  }

  private static String checked(String name, java.util.function.Supplier<String> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage());
    }
  }

  /**
   * The admin token in {@code file}, surrounding whitespace dropped.
   *
   * @throws UsageException if it can't be read or is no good; the message never quotes the file's
   *     content
   */
  static String readAdminToken(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "--admin-token-file: can't read "
              + TokenRoute.printable(file.toString())
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    return checked("--admin-token-file", () -> AdminAccess.checkToken(token));
  }

  private static Path path(String name, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(name + " is not a file name this system can open");
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
    throw new UsageException(
        name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
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
