package se.krebit.http;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered header map that nobody can change, each value list immutable too: what a {@link
 * HttpTransport.Request} keeps, so that a transport may reuse by identity what it built of the map.
 * Made in one pass over the map it copies; a map that is one already, or one of the JDK's immutable
 * maps of immutable lists, is kept as it is.
 */
final class FrozenHeaders extends AbstractMap<String, List<String>> {
  // The JDK's immutable implementations, by class, as neither they nor an "immutable" marker are
  // public; a list that is none of them is copied (List.copyOf keeps the JDK's own as they are).
  // Compared by identity: this runs once per request sent.
  private static final Class<?> MAP_OF_ONE = Map.of("", "").getClass();
  private static final Class<?> MAP_OF_N = Map.of().getClass();
  private static final Class<?> LIST_OF_ONE_OR_TWO = List.of("").getClass();
  private static final Class<?> LIST_OF_N = List.of().getClass();

  private final Map<String, List<String>> headers;

  private FrozenHeaders(Map<String, List<String>> headers) {
    this.headers = Collections.unmodifiableMap(headers);
  }

  /** {@code headers} if nobody can change it, else a copy nobody can. */
  static Map<String, List<String>> of(Map<String, List<String>> headers) {
    if (headers instanceof FrozenHeaders || isJdkImmutable(headers)) {
      return headers;
    }
    return copyOf(headers);
  }

  /** A copy of {@code headers}, in its order, that nobody can change. */
  static Map<String, List<String>> copyOf(Map<String, ? extends Collection<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return new FrozenHeaders(copy);
  }

  private static boolean isJdkImmutable(Map<String, List<String>> headers) {
    Class<?> map = headers.getClass();
    if (map != MAP_OF_N && map != MAP_OF_ONE) {
      return false;
    }
    for (List<String> values : headers.values()) {
      Class<?> list = values.getClass();
      if (list != LIST_OF_N && list != LIST_OF_ONE_OR_TWO) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    return headers.entrySet();
  }

  @Override
  public List<String> get(Object name) {
    return headers.get(name);
  }

  @Override
  public boolean containsKey(Object name) {
    return headers.containsKey(name);
  }

  @Override
  public int size() {
    return headers.size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super List<String>> action) {
    headers.forEach(action);
  }
}
