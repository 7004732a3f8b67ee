package se.krebit.auth.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import javax.sql.DataSource;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenStore;

/**
 * Binds the JDBC {@link TokenStore} and {@link StateRepository} in Guice. Installed beside a module
 * that binds the in-memory defaults with {@code OptionalBinder.setDefault()}, this one wins: it
 * binds with {@code setBinding()}. Also binds {@link JdbcTokenStore} and {@link JdbcStateRepository}
 * themselves, for re-encryption and purging. {@code configure()} only binds: the stores are built
 * when the module is, and neither that nor binding touches the database.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new KrebitAuthModule(...),                       // krebit-guice: binds the in-memory defaults
 *     new JdbcStoreModule(dataSource, TinkTokenCipher.fromKeysetJson(keyset)));
 * }</pre>
 *
 * <p>Guice is an optional dependency of this module's jar: add {@code com.google.inject:guice} to
 * use this class.
 */
public final class JdbcStoreModule extends AbstractModule {
  private final JdbcTokenStore tokenStore;
  private final JdbcStateRepository stateRepository;

  /**
   * Stores in the default tables of {@code dataSource}, encrypted by {@code cipher}, expiry on the
   * system clock. The tables must exist: run the schema scripts with your migration tool.
   */
  public JdbcStoreModule(DataSource dataSource, TokenCipher cipher) {
    this(
        JdbcTokenStore.builder(requireNonNull(dataSource, "dataSource")).cipher(requireNonNull(cipher, "cipher")).build(),
        JdbcStateRepository.builder(dataSource).cipher(cipher).build());
  }

  /** The stores as you built them, for other tables, a clock of your own, or create-if-missing. */
  public JdbcStoreModule(JdbcTokenStore tokenStore, JdbcStateRepository stateRepository) {
    this.tokenStore = requireNonNull(tokenStore, "tokenStore");
    this.stateRepository = requireNonNull(stateRepository, "stateRepository");
  }

  @Override
  protected void configure() {
    bind(JdbcTokenStore.class).toInstance(tokenStore);
    bind(JdbcStateRepository.class).toInstance(stateRepository);
    OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().to(JdbcTokenStore.class);
    OptionalBinder.newOptionalBinder(binder(), StateRepository.class).setBinding().to(JdbcStateRepository.class);
  }
}
