package se.krebit.testkit.internal;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads request bodies and writes the fakes' small JSON documents: objects whose values are
 * strings, numbers, booleans, {@code null}, collections or nested objects, in the iteration order
 * of the map given. Stateless.
 */
public final class Json {
  private Json() {}

  /** The body as a JSON object; empty if it is not one. An empty body is an empty object. */
  public static Optional<Map<String, Object>> parseObject(String body) {
    if (body.isBlank()) {
      return Optional.of(Map.of());
    }
    try {
      return Optional.of(JSONObjectUtils.parse(body));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /** {@code object} as JSON text. */
  public static String write(Map<String, ?> object) {
    StringBuilder out = new StringBuilder();
    writeValue(out, object);
    return out.toString();
  }

  /**
   * {@code object} as JSON text laid out as Krebit's pages print their examples: each member on a
   * line of its own, without indentation, a space after the colon; arrays on one line. So a body
   * built from a documented example is that example, byte for byte.
   */
  public static String writeAsDocumented(Map<String, ?> object) {
    StringBuilder out = new StringBuilder();
    writeDocumented(out, object);
    return out.toString();
  }

  private static void writeDocumented(StringBuilder out, @Nullable Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      writeValue(out, value);
      return;
    }
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      writeString(out, String.valueOf(entry.getKey()));
      out.append(": ");
      writeDocumented(out, entry.getValue());
      out.append(entries.hasNext() ? ",\n" : "\n");
    }
    out.append('}');
  }

  private static void writeValue(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      writeEntries(out, '{', map.entrySet().iterator(), '}');
    } else if (value instanceof Collection<?> items) {
      writeEntries(out, '[', items.iterator(), ']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void writeEntries(StringBuilder out, char open, Iterator<?> items, char close) {
    out.append(open);
    while (items.hasNext()) {
      Object item = items.next();
      if (item instanceof Map.Entry<?, ?> entry) {
        writeString(out, String.valueOf(entry.getKey()));
        out.append(':');
        writeValue(out, entry.getValue());
      } else {
        writeValue(out, item);
      }
      if (items.hasNext()) {
        out.append(',');
      }
    }
    out.append(close);
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
