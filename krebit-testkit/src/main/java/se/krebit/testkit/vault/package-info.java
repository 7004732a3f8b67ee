/**
 * {@link se.krebit.testkit.vault.FakeVaultExtension}, which runs a fake Vault (from {@code
 * krebit-fake-server}, in this same package) for a JUnit 5 test class.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.testkit.vault;

import org.jspecify.annotations.NullMarked;
