/**
 * The fake Krebit server, without JUnit: {@link se.krebit.testkit.FakeKrebitServer}, a stateful
 * fake of Krebit's authorization server and API on loopback, with scripted consent ({@link
 * se.krebit.testkit.ConsentScript}), a request journal ({@link se.krebit.testkit.RequestJournal})
 * and stubs of undocumented API paths ({@link se.krebit.testkit.FakeKrebitServer#stub}); {@link
 * se.krebit.auth.testing.SettableClock} (core's), a clock and scheduler that tests move by hand;
 * and {@link se.krebit.testkit.FakeKrebitMain}, the standalone server. The JUnit 5 extension that
 * runs one per test class is in {@code krebit-testkit}, in this same package.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.testkit;

import org.jspecify.annotations.NullMarked;
