package se.krebit.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from outside its arguments: environment variables, the home directory where
 * {@code ~/.krebit} lives, standard input (for {@code --client-secret-stdin}) and the browser that
 * {@code krebit login} opens. Tests replace each.
 *
 * @param variables the environment variables
 * @param home the user's home directory
 * @param stdin standard input
 * @param browser opens the sign-in page
 */
record CliEnvironment(
    Map<String, String> variables, Path home, InputStream stdin, Browser browser) {
  CliEnvironment {
    variables = Map.copyOf(requireNonNull(variables, "variables"));
    requireNonNull(home, "home");
    requireNonNull(stdin, "stdin");
    requireNonNull(browser, "browser");
  }

  /** This process's environment, home directory, standard input and desktop browser. */
  static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(), Path.of(System.getProperty("user.home")), System.in, Browser.desktop());
  }

  /** The directory for the configuration file, the token store and its key: {@code ~/.krebit}. */
  Path krebitHome() {
    return home.resolve(".krebit");
  }
}
