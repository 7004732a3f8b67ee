package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code application/x-www-form-urlencoded} text (a query string or a form body), read strictly:
 * malformed percent-encoding is an error rather than a silently dropped parameter, and each value
 * keeps its raw form beside its UTF-8 decoding, so that a value such as {@code state} can be sent
 * back exactly as it came. Immutable.
 */
final class UrlParameters {
  private final List<Parameter> parameters;

  private UrlParameters(List<Parameter> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /**
   * @param raw the encoded text; null or empty for none
   * @throws IllegalArgumentException if a name or value is not properly percent-encoded
   */
  static UrlParameters parse(@Nullable String raw) {
    List<Parameter> parameters = new ArrayList<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        parameters.add(
            new Parameter(
                decode(eq < 0 ? pair : pair.substring(0, eq)), rawValue, decode(rawValue)));
      }
    }
    return new UrlParameters(parameters);
  }

  /** The decoded values of {@code name}, in order, empty ones included. */
  List<String> values(String name) {
    return parameters.stream().filter(p -> p.name.equals(name)).map(Parameter::value).toList();
  }

  /**
   * The first value of {@code name} if it is present and not empty (RFC 6749 §3.1: empty means
   * omitted).
   */
  Optional<String> first(String name) {
    return values(name).stream().findFirst().filter(v -> !v.isEmpty());
  }

  /** The first value of {@code name} exactly as it was encoded, if it is present and not empty. */
  Optional<String> firstRaw(String name) {
    return parameters.stream()
        .filter(p -> p.name.equals(name))
        .map(Parameter::rawValue)
        .findFirst()
        .filter(v -> !v.isEmpty());
  }

  /** Whether {@code name} appears more than once. */
  boolean isRepeated(String name) {
    return values(name).size() > 1;
  }

  /** The parameter names, sorted. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    parameters.forEach(p -> names.add(p.name));
    return names;
  }

  private static String decode(String encoded) {
    return URLDecoder.decode(encoded, UTF_8); // IllegalArgumentException on a malformed escape
  }

  private record Parameter(String name, String rawValue, String value) {}
}
