/**
 * The Krebit test kit: {@link se.krebit.testkit.FakeKrebitServer}, a stateful fake of Krebit's
 * authorization server and API on loopback, with scripted consent
 * ({@link se.krebit.testkit.ConsentScript}) and a request journal
 * ({@link se.krebit.testkit.RequestJournal}); {@link se.krebit.testkit.FakeKrebitExtension}, which
 * runs one for a JUnit 5 test class; {@link se.krebit.auth.testing.SettableClock} (core's test clock), which
 * the fake moves by hand; and {@link se.krebit.testkit.FakeKrebitMain}, the standalone server.
 *
 * <p>Every parameter and return value in this package is non-null unless marked
 * {@link org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.testkit;

import org.jspecify.annotations.NullMarked;
