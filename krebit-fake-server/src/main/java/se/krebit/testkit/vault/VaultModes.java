package se.krebit.testkit.vault;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The states a test puts the fake Vault in, beside its data: sealed; a standby that redirects (307)
 * to the active node because request forwarding is off; KV mounts in the middle of their upgrade to
 * version 2; warnings added to the answers on some paths. Thread-safe.
 */
final class VaultModes {
  private boolean sealed;
  private @Nullable URI activeNode;
  private final Set<String> upgradingMounts = new HashSet<>();
  private final List<Warning> warnings = new ArrayList<>();

  private record Warning(String pathPattern, String text) {}

  synchronized boolean sealed() {
    return sealed;
  }

  synchronized void sealed(boolean sealed) {
    this.sealed = sealed;
  }

  /** Where a standby redirects to; empty while this node is active. */
  synchronized Optional<URI> activeNode() {
    return Optional.ofNullable(activeNode);
  }

  synchronized void standbyOf(@Nullable URI activeNode) {
    this.activeNode = activeNode;
  }

  synchronized boolean upgrading(String mount) {
    return upgradingMounts.contains(mount);
  }

  synchronized void upgrading(String mount, boolean upgrading) {
    if (upgrading) {
      upgradingMounts.add(mount);
    } else {
      upgradingMounts.remove(mount);
    }
  }

  synchronized void warn(String pathPattern, String text) {
    warnings.add(new Warning(pathPattern, text));
  }

  /** The warnings a successful answer on {@code path} carries. */
  synchronized List<String> warningsFor(String path) {
    return warnings.stream()
        .filter(w -> PolicyDenials.matches(w.pathPattern(), path))
        .map(Warning::text)
        .toList();
  }

  /** Back to an active, unsealed node without upgrades in progress or scripted warnings. */
  synchronized void reset() {
    sealed = false;
    activeNode = null;
    upgradingMounts.clear();
    warnings.clear();
  }
}
