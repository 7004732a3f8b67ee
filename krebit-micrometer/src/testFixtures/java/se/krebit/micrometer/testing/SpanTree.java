package se.krebit.micrometer.testing;

import io.micrometer.tracing.test.simple.SimpleSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The spans an in-memory tracer recorded, as the tree their parent ids make: one line per span,
 * children indented under their parent in start order, with their tags ({@code request_id}'s value,
 * different every run, shown as {@code …}).
 */
public final class SpanTree {
  private SpanTree() {}

  /** The tree of {@code recorded}, a line per span. */
  public static String render(Collection<SimpleSpan> recorded) {
    List<SimpleSpan> spans = new ArrayList<>(recorded);
    spans.sort(Comparator.comparing(SimpleSpan::getStartTimestamp));
    Set<String> ids = spans.stream().map(SimpleSpan::getSpanId).collect(Collectors.toSet());
    StringBuilder tree = new StringBuilder();
    for (SimpleSpan span : spans) {
      if (span.getParentId() == null
          || span.getParentId().isEmpty()
          || !ids.contains(span.getParentId())) {
        append(tree, span, spans, "");
      }
    }
    return tree.toString();
  }

  private static void append(
      StringBuilder tree, SimpleSpan span, List<SimpleSpan> all, String indent) {
    tree.append(indent).append(span.getName());
    Map<String, String> tags = new TreeMap<>(span.getTags());
    tags.forEach(
        (key, value) ->
            tree.append("  ")
                .append(key)
                .append('=')
                .append(key.equals("request_id") ? "…" : value));
    tree.append('\n');
    for (SimpleSpan child : all) {
      if (span.getSpanId().equals(child.getParentId())) {
        append(tree, child, all, indent + "  ");
      }
    }
  }
}
