/**
 * Test fixtures for Krebit's observations as spans: {@link se.krebit.micrometer.testing.SpanTree}
 * draws the tree an in-memory tracer recorded, {@link se.krebit.micrometer.testing.SpanTreeChecks}
 * asserts on it. Compiled into the tests of krebit-micrometer, krebit-spring-boot-starter and
 * krebit-spring-boot3-tests (each names this folder as a test source root); never in a jar, so
 * never published.
 */
@NullMarked
package se.krebit.micrometer.testing;

import org.jspecify.annotations.NullMarked;
