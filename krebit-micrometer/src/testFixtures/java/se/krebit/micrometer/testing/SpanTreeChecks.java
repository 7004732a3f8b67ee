package se.krebit.micrometer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.test.simple.SimpleSpan;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Assertions on spans an in-memory tracer recorded. */
public final class SpanTreeChecks {
  private SpanTreeChecks() {}

  /** The span was ended: {@code SimpleSpan} records the end's wall time, 0 until then. */
  public static void ended(SimpleSpan span) {
    assertThat(span.getEndTimestamp().toEpochMilli()).as("%s ended", span.getName()).isPositive();
  }

  /** No tag of any span holds any of {@code secrets}, whole or in part. */
  public static void noSecretIn(Collection<SimpleSpan> spans, Collection<String> secrets) {
    assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));
    for (SimpleSpan span : spans) {
      span.getTags()
          .forEach(
              (key, value) ->
                  assertThat(secrets)
                      .as("tag %s of %s", key, span.getName())
                      .noneSatisfy(secret -> assertThat(value).contains(secret.substring(0, 8))));
    }
  }

  /**
   * The spans named {@code names}, in that order, checked to be one line of descent: the first a
   * root, each other a child of the one before it, all in the first one's trace. Names must be
   * unique among {@code spans}.
   */
  public static List<SimpleSpan> chain(Collection<SimpleSpan> spans, String... names) {
    Map<String, SimpleSpan> byName =
        spans.stream().collect(Collectors.toMap(SimpleSpan::getName, Function.identity()));
    assertThat(byName).as("the spans by name").containsKeys(names);
    List<SimpleSpan> chain = Stream.of(names).map(byName::get).toList();
    SimpleSpan root = chain.get(0);
    assertThat(root.getParentId()).as("%s is a root", root.getName()).isNullOrEmpty();
    for (int i = 1; i < chain.size(); i++) {
      SimpleSpan parent = chain.get(i - 1);
      SimpleSpan child = chain.get(i);
      assertThat(child.getParentId())
          .as("%s is a child of %s", child.getName(), parent.getName())
          .isEqualTo(parent.getSpanId());
      assertThat(child.getTraceId())
          .as("%s is in %s's trace", child.getName(), root.getName())
          .isEqualTo(root.getTraceId());
    }
    return chain;
  }
}
