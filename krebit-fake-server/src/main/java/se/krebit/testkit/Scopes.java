package se.krebit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code scope} parameter (RFC 6749 §3.3): space-delimited tokens of printable ASCII without
 * {@code "} or {@code \}.
 */
final class Scopes {
  private Scopes() {}

  /**
   * The scope tokens in the order given, without repeats.
   *
   * @throws IllegalArgumentException naming the first malformed token
   */
  static List<String> parse(String value) {
    List<String> scope = new ArrayList<>();
    for (String token : value.split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      if (!token.chars().allMatch(Scopes::isScopeChar)) {
        throw new IllegalArgumentException(
            "The scope token '" + TokenRoute.printable(token) + "' is malformed");
      }
      if (!scope.contains(token)) {
        scope.add(token);
      }
    }
    return List.copyOf(scope);
  }

  /** The {@code scope} value to send: the tokens joined by spaces; empty for no scope. */
  static Optional<String> format(List<String> scope) {
    return scope.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", scope));
  }

  private static boolean isScopeChar(int c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
  }
}
