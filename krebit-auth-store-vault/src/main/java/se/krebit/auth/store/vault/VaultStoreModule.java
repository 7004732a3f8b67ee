package se.krebit.auth.store.vault;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import se.krebit.auth.spi.TokenStore;

/**
 * Binds the Vault {@link TokenStore} in Guice. Installed beside a module that binds the in-memory
 * default with {@code OptionalBinder.setDefault()}, this one wins: it binds with
 * {@code setBinding()}. Also binds {@link VaultTokenStore} and its {@link VaultConnection}.
 * {@code configure()} only binds; nothing talks to Vault until the store is used.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new KrebitAuthModule(...),                     // krebit-guice: binds the in-memory default
 *     new VaultStoreModule(VaultTokenStore.builder(vault).build()));
 * }</pre>
 *
 * <p>Guice is an optional dependency of this module's jar: add {@code com.google.inject:guice} to
 * use this class.
 */
public final class VaultStoreModule extends AbstractModule {
  private final VaultTokenStore store;
  private final VaultConnection connection;

  /** Binds {@code store}, built as you need it (mount, prefix, cipher). */
  public VaultStoreModule(VaultTokenStore store) {
    this.store = requireNonNull(store, "store");
    this.connection = store.connection();
  }

  /** Binds a store on {@code connection} with the default mount and path prefix, without a cipher. */
  public VaultStoreModule(VaultConnection connection) {
    this(VaultTokenStore.builder(requireNonNull(connection, "connection")).build());
  }

  @Override
  protected void configure() {
    bind(VaultConnection.class).toInstance(connection);
    bind(VaultTokenStore.class).toInstance(store);
    OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().to(VaultTokenStore.class);
  }
}
