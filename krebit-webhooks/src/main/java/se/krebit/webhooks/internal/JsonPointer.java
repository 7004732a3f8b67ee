package se.krebit.webhooks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 6901 JSON Pointer, such as {@code /data/signing/id}, resolved against the maps and lists a
 * JSON parser returns. Immutable.
 */
public final class JsonPointer {
  private final String text;
  private final List<String> tokens;

  private JsonPointer(String text, List<String> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /**
   * Parses {@code text}: empty for the whole document, else {@code /} and reference tokens, with
   * {@code ~1} for {@code /} and {@code ~0} for {@code ~}.
   *
   * @throws IllegalArgumentException if it is not a JSON Pointer
   */
  public static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "a JSON Pointer is empty or starts with '/', like /data/id");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw));
    }
    return new JsonPointer(text, List.copyOf(tokens));
  }

  private static String unescape(String raw) {
    StringBuilder token = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        token.append(c);
      } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
        token.append(raw.charAt(++i) == '0' ? '~' : '/');
      } else {
        throw new IllegalArgumentException("in a JSON Pointer '~' must be followed by 0 or 1");
      }
    }
    return token.toString();
  }

  /** The value at this pointer in {@code document}, if there is one (a JSON null is none). */
  public Optional<Object> resolve(@Nullable Object document) {
    Object current = document;
    for (String token : tokens) {
      if (current instanceof Map<?, ?> object) {
        current = object.get(token);
      } else if (current instanceof List<?> array
          && isIndex(token)
          && Integer.parseInt(token) < array.size()) {
        current = array.get(Integer.parseInt(token));
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(current);
  }

  private static boolean isIndex(String token) {
    return token.matches("0|[1-9][0-9]{0,8}");
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof JsonPointer that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pointer as written. */
  @Override
  public String toString() {
    return text;
  }
}
