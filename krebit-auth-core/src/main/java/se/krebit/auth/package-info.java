/**
 * What applications call: {@link se.krebit.auth.TokenSource}, the flows that implement it, the
 * token and tenant value types, and the typed errors.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.auth;

import org.jspecify.annotations.NullMarked;
