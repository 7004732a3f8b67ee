/**
 * A fake HashiCorp Vault for tests: {@link se.krebit.testkit.vault.FakeVaultServer}, a stateful
 * fake of Vault's KV version 2, AppRole, token, response-wrapping, health and Transit APIs on
 * loopback, answering as the chosen {@link se.krebit.testkit.vault.VaultFlavour} (Vault 1.12,
 * 1.13–1.16, 1.17+ or OpenBao 2.x), with sealed and standby modes, path policies and a request
 * journal ({@link se.krebit.testkit.vault.VaultRequestJournal}). The JUnit 5 extension that runs
 * one per test class, {@code FakeVaultExtension}, is in {@code krebit-testkit}, in this same
 * package.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.testkit.vault;

import org.jspecify.annotations.NullMarked;
