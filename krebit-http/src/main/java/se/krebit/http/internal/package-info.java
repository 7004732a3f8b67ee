/**
 * The JDK implementation of {@link se.krebit.http.HttpTransport} and what it needs: the TLS-only
 * {@code HttpClient} and the bounded body buffer.
 *
 * <p><b>Not a supported API, and used by this module only</b>: no other module imports it ({@code
 * ModuleBoundariesTest} in {@code krebit-cli} enforces that). Anything here may change or disappear
 * in any release.
 */
@NullMarked
package se.krebit.http.internal;

import org.jspecify.annotations.NullMarked;
