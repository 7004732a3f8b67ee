package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.test.simple.SimpleSpan;
import java.util.Collection;

/** Assertions on spans an in-memory tracer recorded. */
final class SpanTreeChecks {
  private SpanTreeChecks() {}

  /** The span was ended: {@code SimpleSpan} records the end's wall time, 0 until then. */
  static void ended(SimpleSpan span) {
    assertThat(span.getEndTimestamp().toEpochMilli()).as("%s ended", span.getName()).isPositive();
  }

  /** No tag of any span holds any of {@code secrets}, whole or in part. */
  static void noSecretIn(Collection<SimpleSpan> spans, Collection<String> secrets) {
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
}
