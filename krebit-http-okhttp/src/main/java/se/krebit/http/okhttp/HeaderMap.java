package se.krebit.http.okhttp;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * OkHttp's response headers as the unmodifiable {@code Map} {@link se.krebit.http.HttpTransport}
 * responses carry: a lookup by name, in any case, reads OkHttp's own array, so a call that only
 * asks for a header or two (a success's {@code Content-Type}) builds no map; iterating builds the
 * names (as first received, in case-insensitive order) to values once. Thread-safe.
 */
final class HeaderMap extends AbstractMap<String, List<String>> {
  private final Headers headers;
  private volatile @Nullable Map<String, List<String>> whole;

  HeaderMap(Headers headers) {
    this.headers = headers;
  }

  @Override
  public @Nullable List<String> get(@Nullable Object name) {
    if (!(name instanceof String text)) {
      return null;
    }
    List<String> values = headers.values(text);
    return values.isEmpty() ? null : values;
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return name instanceof String text && headers.get(text) != null;
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    Map<String, List<String>> map = whole;
    if (map == null) {
      TreeMap<String, List<String>> built = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0; i < headers.size(); i++) {
        built.computeIfAbsent(headers.name(i), name -> new ArrayList<>()).add(headers.value(i));
      }
      built.replaceAll((name, values) -> Collections.unmodifiableList(values));
      map = Collections.unmodifiableMap(built);
      whole = map;
    }
    return map.entrySet();
  }
}
