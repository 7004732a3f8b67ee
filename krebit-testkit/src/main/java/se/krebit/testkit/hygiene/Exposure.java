package se.krebit.testkit.hygiene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What a failure shows to whoever catches, prints or logs it. */
public final class Exposure {
  private Exposure() {}

  /**
   * Every text {@code failure} exposes: the {@code toString()} (class and message) of it and of
   * each cause and suppressed exception, to the end of the chain.
   */
  public static List<String> of(Throwable failure) {
    List<String> texts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(failure, texts, seen);
    return texts;
  }

  private static void collect(Throwable failure, List<String> texts, Set<Throwable> seen) {
    if (failure == null || !seen.add(failure)) {
      return;
    }
    texts.add(failure.toString());
    for (Throwable suppressed : failure.getSuppressed()) {
      collect(suppressed, texts, seen);
    }
    collect(failure.getCause(), texts, seen);
  }
}
