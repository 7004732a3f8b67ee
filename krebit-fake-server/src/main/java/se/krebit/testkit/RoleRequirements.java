package se.krebit.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which roles an identity needs for which API path (exact path, any method): those configured when
 * the server was built, which stay, plus those a test adds, which {@link #reset()} drops.
 * Thread-safe.
 */
final class RoleRequirements {
  private final Map<String, Set<String>> permanent;
  private final Map<String, Set<String>> byPath = new ConcurrentHashMap<>();

  RoleRequirements(Map<String, Set<String>> permanent) {
    Map<String, Set<String>> copy = new HashMap<>();
    permanent.forEach((path, roles) -> copy.put(path, Set.copyOf(roles)));
    this.permanent = Map.copyOf(copy);
    reset();
  }

  void require(String path, String role) {
    byPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(role);
  }

  /** The roles {@code path} requires that {@code granted} lacks, sorted; empty when allowed. */
  Set<String> missing(String path, Set<String> granted) {
    Set<String> missing = new TreeSet<>(byPath.getOrDefault(path, Set.of()));
    missing.removeAll(granted);
    return missing;
  }

  void reset() {
    byPath.clear();
    permanent.forEach((path, roles) -> roles.forEach(role -> require(path, role)));
  }
}
