/**
 * Implementation details of the core. Not a supported API: anything here may change or disappear in
 * any release.
 *
 * <p><b>Qualified exports.</b> In the manner of a module's {@code exports … to}, only the sibling
 * modules named below may import the type of each item, for the reason given; every other type here
 * is the core's alone. {@code ModuleBoundariesTest} in {@code krebit-cli} checks every import in
 * the repository against this list, so widening it is a deliberate edit here.
 *
 * <ul>
 *   <li>{@link se.krebit.auth.internal.DefaultScheduler} to {@code krebit-auth-store-vault}, {@code
 *       krebit-fake-server}: their helper threads come from its {@code daemon(name)} thread factory
 *       (and Vault renewals from its scheduler), so every Krebit thread is a named daemon.
 *   <li>{@link se.krebit.auth.internal.PrintableText} to {@code krebit-http}, {@code
 *       krebit-api-client}, {@code krebit-auth-store-vault}, {@code krebit-cli}: the one rule for
 *       putting server text into a log line, an exception message or a terminal.
 *   <li>{@link se.krebit.auth.internal.TlsParameters} to {@code krebit-http}, {@code
 *       krebit-http-okhttp}, {@code krebit-auth-store-vault}, {@code krebit-fake-server}: the one
 *       TLS policy (TLS 1.3 and 1.2, host name verification) of every connection an adapter opens,
 *       whatever its client, and the one way to trust exactly a given set of certificates (a Vault
 *       CA bundle, the test kit's self-signed certificate).
 *   <li>{@link se.krebit.auth.internal.Durations} to {@code krebit-http}, {@code
 *       krebit-auth-store-vault}: one wording for a bad {@code Duration} setting, each adapter
 *       throwing its own documented exception.
 * </ul>
 */
@NullMarked
package se.krebit.auth.internal;

import org.jspecify.annotations.NullMarked;
