package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The headers of a delivery, looked up by name without regard to case, as HTTP names are. Build it
 * from what your framework gives you; the adapters in this module do. Immutable.
 */
public final class WebhookHeaders {
  private final TreeMap<String, List<String>> values;

  private WebhookHeaders(TreeMap<String, List<String>> values) {
    this.values = values;
  }

  /**
   * The headers in {@code headers}, each name with all its values (names that differ only in case
   * are merged). A {@code null} name, such as the status line the JDK's {@code HttpURLConnection}
   * files under it, is skipped.
   */
  public static WebhookHeaders of(Map<String, ? extends Collection<String>> headers) {
    requireNonNull(headers, "headers");
    TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, list) -> {
          if (name != null && list != null) {
            List<String> all = values.computeIfAbsent(name, n -> new ArrayList<>());
            list.stream().filter(v -> v != null).forEach(all::add);
          }
        });
    values.replaceAll((name, list) -> List.copyOf(list));
    return new WebhookHeaders(values);
  }

  /**
   * Headers from names and values in turn: {@code of("X-Signature", sig, "X-Client-Id", id)}.
   *
   * @throws IllegalArgumentException if a name lacks its value
   */
  public static WebhookHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("give a value for every header name");
    }
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.computeIfAbsent(requireNonNull(namesAndValues[i], "name"), n -> new ArrayList<>())
          .add(requireNonNull(namesAndValues[i + 1], "value"));
    }
    return of(map);
  }

  /** Every value of the header {@code name}, in order; empty if it is absent. */
  public List<String> all(String name) {
    return values.getOrDefault(requireNonNull(name, "name"), List.of());
  }

  /** The first value of the header {@code name}, if it is present. */
  public Optional<String> first(String name) {
    return all(name).stream().findFirst();
  }

  /** The {@code Content-Length} the sender declared, if it declared one that is a number. */
  OptionalLong contentLength() {
    Optional<String> declared = first("Content-Length").map(String::strip);
    if (declared.isEmpty() || !declared.get().matches("[0-9]{1,18}")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(declared.get()));
  }

  /** The header names, without values: a delivery's header values are not for logs. */
  @Override
  public String toString() {
    return "WebhookHeaders" + values.keySet();
  }
}
