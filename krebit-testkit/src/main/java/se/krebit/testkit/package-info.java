/**
 * The Krebit test kit's JUnit 5 side: {@link se.krebit.testkit.FakeKrebitExtension}, which runs a
 * fake Krebit server (from {@code krebit-fake-server}, in this same package) for a test class and
 * hands it to tests as a parameter.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.testkit;

import org.jspecify.annotations.NullMarked;
