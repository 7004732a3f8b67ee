package se.krebit.testkit.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The capabilities a test took away, by path pattern, as a Vault policy's {@code deny} would: a
 * pattern is a path in which {@code +} stands for one segment and a trailing {@code *} for any
 * rest, as in Vault's policy syntax. Everything not denied is allowed. Thread-safe.
 */
final class PolicyDenials {
  static final Set<String> CAPABILITIES =
      Set.of("create", "read", "update", "patch", "delete", "list", "sudo");

  private final List<Rule> rules = new ArrayList<>();

  private record Rule(String pattern, Set<String> capabilities) {}

  synchronized void deny(String pattern, Set<String> capabilities) {
    for (String capability : capabilities) {
      if (!CAPABILITIES.contains(capability)) {
        throw new IllegalArgumentException(
            "unknown capability '" + capability + "', expected one of " + CAPABILITIES);
      }
    }
    rules.add(new Rule(pattern, Set.copyOf(capabilities)));
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized boolean denies(String path, String capability) {
    String lower = capability.toLowerCase(Locale.ROOT);
    return rules.stream().anyMatch(r -> r.capabilities.contains(lower) && matches(r.pattern, path));
  }

  static boolean matches(String pattern, String path) {
    boolean prefix = pattern.endsWith("*");
    String[] want = (prefix ? pattern.substring(0, pattern.length() - 1) : pattern).split("/", -1);
    String[] have = path.split("/", -1);
    if (!prefix && want.length != have.length || prefix && have.length < want.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean last = i == want.length - 1;
      if (want[i].equals("+")) {
        continue;
      }
      if (last && prefix ? !have[i].startsWith(want[i]) : !have[i].equals(want[i])) {
        return false;
      }
    }
    return true;
  }
}
