/**
 * Guice modules for Krebit Auth: {@link se.krebit.guice.KrebitAuthModule} (the token endpoint, the
 * application's token source, in-memory stores and the defaults of {@code TokenListener}, {@code
 * RefreshPolicy} and {@code Clock}, each overridable through its {@code OptionalBinder}), {@link
 * se.krebit.guice.KrebitAuthorizationCodeModule} (the sign-in flow) and {@link
 * se.krebit.guice.KrebitApiModule} ({@code KrebitClient}). Store modules and the Micrometer module
 * live with what they bind and override these defaults by being installed.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}.
 */
@NullMarked
package se.krebit.guice;

import org.jspecify.annotations.NullMarked;
