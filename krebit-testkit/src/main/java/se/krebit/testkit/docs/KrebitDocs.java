package se.krebit.testkit.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The saved copies of Krebit Sign's public documentation pages that this project is built against,
 * and the JSON examples they show, so that tests compare our client and our fake with what Krebit
 * documents rather than with what we wrote.
 *
 * <p>The pages ship in this jar exactly as saved (each starts with a header naming its URL and how
 * much of the page was captured); the build checks them against the project's shared copy.
 * Stateless and thread-safe.
 */
public final class KrebitDocs {
  /** The file names of every saved page, as in the project's {@code shared/krebit-docs} folder. */
  public static final Set<String> PAGES =
      Set.of(
          "API-SUMMARY.md",
          "ai-prompts.txt",
          "api-reference.txt",
          "authentication-guide.txt",
          "authentication-v1.txt",
          "authentication-v2.txt",
          "docs-authentication.txt",
          "docsearch-index-summary.txt",
          "quickstart-signing.txt",
          "users.txt",
          "webhooks-v1.txt",
          "webhooks-v2.txt");

  private KrebitDocs() {}

  /** The whole saved text of {@code page}, one of {@link #PAGES}. */
  public static String page(String page) {
    requireNonNull(page, "page");
    if (!PAGES.contains(page)) {
      throw new IllegalArgumentException("no saved Krebit page named " + page);
    }
    try (InputStream in = KrebitDocs.class.getResourceAsStream(page)) {
      if (in == null) {
        throw new IllegalStateException(
            "the saved Krebit page " + page + " is missing from the test kit jar");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every JSON object that {@code page} shows as an example, in page order, exactly as written
   * there (whitespace included): each balanced {@code {…}} region of the text that parses as a JSON
   * object. Regions that don't parse, such as shell-escaped bodies inside double quotes, are left
   * out.
   */
  public static List<String> jsonExamples(String page) {
    String text = page(page);
    List<String> examples = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf('{', from);
      if (open < 0) {
        return List.copyOf(examples);
      }
      int close = matchingBrace(text, open);
      if (close < 0) {
        from = open + 1;
        continue;
      }
      String candidate = text.substring(open, close + 1);
      if (parses(candidate)) {
        examples.add(candidate);
        from = close + 1;
      } else {
        from = open + 1;
      }
    }
  }

  /**
   * {@link #jsonExamples} parsed: each example as a map of its members (nested objects as maps).
   */
  public static List<Map<String, Object>> parsedJsonExamples(String page) {
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String example : jsonExamples(page)) {
      try {
        parsed.add(JSONObjectUtils.parse(example));
      } catch (ParseException e) {
        throw new IllegalStateException("an example that parsed once no longer parses", e);
      }
    }
    return List.copyOf(parsed);
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean parses(String candidate) {
    try {
      JSONObjectUtils.parse(candidate);
      return true;
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }
}
