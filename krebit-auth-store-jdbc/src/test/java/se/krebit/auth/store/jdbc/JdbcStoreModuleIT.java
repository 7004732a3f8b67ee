package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
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
  void theBoundStoreIsTheOneBuiltAndWorks() {
    JdbcTokenStore store =
        JdbcTokenStore.builder(database).cipher(cipher).createTableIfMissing(true).build();
    JdbcStateRepository states =
        JdbcStateRepository.builder(database).cipher(cipher).createTableIfMissing(true).build();
    Injector injector =
        Guice.createInjector(new InMemoryDefaultsModule(), new JdbcStoreModule(store, states));
    TokenKey key = new TokenKey("tenant", "client", "alice");
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    TokenRecord record =
        TokenRecord.of(
            new TokenSet(
                new AccessToken("a1", AccessToken.BEARER, now.plusSeconds(60)),
                Optional.empty(),
                Set.of(),
                now));

    injector.getInstance(TokenStore.class).compareAndSet(key, 0, record);

    assertThat(store.load(key).orElseThrow().record()).isEqualTo(record);
    assertThat(injector.getInstance(StateRepository.class)).isSameAs(states);
  }
}
