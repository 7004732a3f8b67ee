package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.contract.TokenStoreContract;
import se.krebit.tink.TinkTokenCipher;

class JdbcStoreModuleIT {
  /** What the auth module does: in-memory stores as defaults that a store module may override. */
  static final class InMemoryDefaultsModule extends AbstractModule {
    @Override
    protected void configure() {
      OptionalBinder.newOptionalBinder(binder(), TokenStore.class)
          .setDefault()
          .toInstance(new InMemoryTokenStore());
      OptionalBinder.newOptionalBinder(binder(), StateRepository.class)
          .setDefault()
          .toInstance(new InMemoryStateRepository());
    }
  }

  private final DataSource database = H2Database.create();
  private final TinkTokenCipher cipher = TestCiphers.fresh();
  private final JdbcTokenStore store =
      JdbcTokenStore.builder(database).cipher(cipher).createTableIfMissing(true).build();
  private final JdbcStateRepository states =
      JdbcStateRepository.builder(database).cipher(cipher).createTableIfMissing(true).build();

  @Test
  void withoutTheJdbcModuleTheDefaultsServe() {
    Injector injector = Guice.createInjector(new InMemoryDefaultsModule());

    assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
    assertThat(injector.getInstance(StateRepository.class))
        .isInstanceOf(InMemoryStateRepository.class);
  }

  @Test
  void theJdbcModuleOverridesTheDefaultsInEitherOrder() {
    JdbcStoreModule jdbc = new JdbcStoreModule(database, cipher);

    for (Injector injector :
        new Injector[] {
          Guice.createInjector(new InMemoryDefaultsModule(), jdbc),
          Guice.createInjector(jdbc, new InMemoryDefaultsModule())
        }) {
      assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
      assertThat(injector.getInstance(StateRepository.class))
          .isInstanceOf(JdbcStateRepository.class);
      assertThat(injector.getInstance(TokenStore.class))
          .isSameAs(injector.getInstance(JdbcTokenStore.class));
    }
  }

  @Test
  void theBoundStoresAreTheOnesBuilt() {
    Injector injector = withBuiltStores();

    assertThat(injector.getInstance(TokenStore.class)).isSameAs(store);
    assertThat(injector.getInstance(StateRepository.class)).isSameAs(states);
  }

  /** The token store bound from a built one keeps the test kit's contract. */
  @Nested
  class TheBoundBuiltStore extends TokenStoreContract {
    @Override
    protected TokenStore store() {
      return withBuiltStores().getInstance(TokenStore.class);
    }
  }

  private Injector withBuiltStores() {
    return Guice.createInjector(new InMemoryDefaultsModule(), new JdbcStoreModule(store, states));
  }
}
