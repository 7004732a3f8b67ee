package se.krebit.testkit.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One golden fixture: an answer of a real Vault or OpenBao, with where it comes from and which of
 * its values differ every time (see {@code fixtures/README.md}), and the check that another answer
 * is the same.
 */
record VaultFixture(
    String name,
    Set<VaultFlavour> flavours,
    String request,
    List<String> citations,
    Map<String, String> varies,
    int status,
    Map<String, String> headers,
    String body) {
  private static final String DIRECTORY = "/se/krebit/testkit/vault/fixtures/";
  private static final Map<String, Pattern> KINDS =
      Map.of(
          "uuid", Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
          "rfc3339",
              Pattern.compile(
                  "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)"),
          "token",
              Pattern.compile(
                  "(hv[sbr]\\.[A-Za-z0-9_-]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z]{4})"),
          "ciphertext", Pattern.compile("vault:v[1-9][0-9]*:[A-Za-z0-9+/]+=*"),
          "string", Pattern.compile("(?s).*"));

  static VaultFixture load(String name) {
    try (InputStream in = VaultFixture.class.getResourceAsStream(DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return parse(name, new String(in.readAllBytes(), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VaultFixture parse(String name, String text) {
    List<String> lines = Arrays.asList(text.split("\n", -1));
    Set<VaultFlavour> flavours = EnumSet.noneOf(VaultFlavour.class);
    String request = "";
    List<String> citations = new ArrayList<>();
    Map<String, String> varies = new LinkedHashMap<>();
    int i = 0;
    for (; lines.get(i).startsWith("#"); i++) {
      String line = lines.get(i).substring(1).strip();
      if (line.startsWith("flavours:")) {
        String value = line.substring("flavours:".length()).strip();
        flavours.addAll(
            value.equals("all")
                ? Arrays.asList(VaultFlavour.values())
                : Arrays.stream(value.split(" +")).map(VaultFlavour::valueOf).toList());
      } else if (line.startsWith("request:")) {
        request = line.substring("request:".length()).strip();
      } else if (line.startsWith("docs:") || line.startsWith("source:")) {
        citations.add(line);
      } else if (line.startsWith("varies:")) {
        String[] parts = line.substring("varies:".length()).strip().split(" +");
        if (!KINDS.containsKey(parts[1])
            && !parts[1].equals("epoch")
            && !parts[1].equals("number")) {
          throw new IllegalArgumentException(name + ": unknown kind " + parts[1]);
        }
        varies.put(parts[0], parts[1]);
      }
    }
    String statusLine = lines.get(i++);
    if (!statusLine.startsWith("HTTP ")) {
      throw new IllegalArgumentException(
          name + ": expected the status line after the comments, got " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (; !lines.get(i).isEmpty(); i++) {
      int colon = lines.get(i).indexOf(':');
      headers.put(
          lines.get(i).substring(0, colon).strip(), lines.get(i).substring(colon + 1).strip());
    }
    String body = String.join("\n", lines.subList(i + 1, lines.size())).strip();
    return new VaultFixture(
        name,
        flavours,
        request,
        citations,
        varies,
        Integer.parseInt(statusLine.substring(5).strip()),
        headers,
        body);
  }

  /**
   * What differs between {@code response} and this fixture for {@code flavour}; empty when they are
   * the same.
   */
  List<String> differences(VaultFlavour flavour, HttpResponse<String> response) {
    List<String> differences = new ArrayList<>();
    if (response.statusCode() != status) {
      differences.add("status " + response.statusCode() + ", expected " + status);
    }
    headers.forEach(
        (header, value) -> {
          String actual = response.headers().firstValue(header).orElse(null);
          if (!value.equals(actual)) {
            differences.add("header " + header + ": " + actual + ", expected " + value);
          }
        });
    if (body.isEmpty()) {
      if (!response.body().isEmpty()) {
        differences.add("a body, expected none");
      }
      return differences;
    }
    Map<String, Object> expected = json(body);
    if (!flavour.hasMountType()) {
      expected.remove("mount_type");
    }
    compare("", expected, json(response.body()), differences);
    return differences;
  }

  private void compare(String pointer, Object expected, Object actual, List<String> differences) {
    String kind = varies.get(pointer);
    if (kind != null) {
      if (!isOfKind(kind, actual)) {
        differences.add(pointer + ": " + actual + " is not a " + kind);
      }
      return;
    }
    if (expected instanceof Map<?, ?> want && actual instanceof Map<?, ?> have) {
      if (!want.keySet().equals(have.keySet())) {
        differences.add(
            pointer
                + ": members "
                + new java.util.TreeSet<>(have.keySet())
                + ", expected "
                + new java.util.TreeSet<>(want.keySet()));
      }
      want.forEach(
          (key, value) -> {
            if (have.containsKey(key)) {
              compare(pointer + "/" + key, value, have.get(key), differences);
            }
          });
    } else if (expected instanceof List<?> want
        && actual instanceof List<?> have
        && want.size() == have.size()) {
      for (int i = 0; i < want.size(); i++) {
        compare(pointer + "/" + i, want.get(i), have.get(i), differences);
      }
    } else if (!sameValue(expected, actual)) {
      differences.add(pointer + ": " + actual + ", expected " + expected);
    }
  }

  private static boolean isOfKind(String kind, Object actual) {
    return switch (kind) {
      case "epoch", "number" -> actual instanceof Number;
      default -> actual instanceof String s && KINDS.get(kind).matcher(s).matches();
    };
  }

  private static boolean sameValue(Object expected, Object actual) {
    if (expected instanceof Number a && actual instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(expected, actual);
  }

  private static Map<String, Object> json(String text) {
    try {
      return JSONObjectUtils.parse(text);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + text, e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
