/**
 * Hostile responses for tests: {@link se.krebit.testkit.hostile.HostileResponses} gives the
 * minimized responses a fuzzer found, and {@link se.krebit.testkit.hostile.RawResponseServer}
 * writes any bytes to a real loopback socket as the answer to each request, as no well-behaved
 * server (WireMock included) can.
 */
@NullMarked
package se.krebit.testkit.hostile;

import org.jspecify.annotations.NullMarked;
