/**
 * {@link se.krebit.tink.TinkTokenCipher}: tokens encrypted at rest with a Google Tink AEAD keyset,
 * for the JDBC store or any other store that takes a {@link se.krebit.auth.spi.TokenCipher}. A
 * module of its own so that only applications that choose Tink pull it in, and those that do need
 * no JDBC.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}.
 */
@NullMarked
package se.krebit.tink;

import org.jspecify.annotations.NullMarked;
