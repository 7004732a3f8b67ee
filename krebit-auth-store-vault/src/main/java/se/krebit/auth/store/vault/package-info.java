/**
 * HashiCorp Vault for Krebit Auth: {@link se.krebit.auth.store.vault.VaultTokenStore}, a token
 * store on the KV version 2 engine with check-and-set; {@link
 * se.krebit.auth.store.vault.VaultTransitCipher}, a token cipher on the Transit engine; {@link
 * se.krebit.auth.store.vault.VaultConnection}, the address, authentication (token or AppRole with
 * renewal) and TLS they share; and {@link se.krebit.auth.store.vault.VaultStoreModule} for Guice.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.auth.store.vault;

import org.jspecify.annotations.NullMarked;
