/**
 * The driven ports that adapters implement: {@link se.krebit.auth.spi.TokenEndpoint}, {@link
 * se.krebit.auth.spi.TokenStore}, {@link se.krebit.auth.spi.StateRepository} and {@link
 * se.krebit.auth.spi.Scheduler}. No third-party type appears in their signatures.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}.
 */
@NullMarked
package se.krebit.auth.spi;

import org.jspecify.annotations.NullMarked;
