package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import java.net.URI;
import org.junit.jupiter.api.Test;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenStore;

class VaultStoreModuleTest {
  /**
   * What the auth module does: an in-memory store as the default that a store module may override.
   */
  static final class InMemoryDefaultModule extends AbstractModule {
    @Override
    protected void configure() {
      OptionalBinder.newOptionalBinder(binder(), TokenStore.class)
          .setDefault()
          .toInstance(new InMemoryTokenStore());
    }
  }

  private final VaultConnection vault =
      VaultConnection.builder(URI.create("https://vault.example.com")).token("t").build();

  @Test
  void withoutTheVaultModuleTheDefaultServes() {
    assertThat(Guice.createInjector(new InMemoryDefaultModule()).getInstance(TokenStore.class))
        .isInstanceOf(InMemoryTokenStore.class);
  }

  @Test
  void theVaultModuleOverridesTheDefaultInEitherOrderWithTheStoreItWasGiven() {
    VaultTokenStore store = VaultTokenStore.builder(vault).pathPrefix("apps/krebit").build();
    VaultStoreModule module = new VaultStoreModule(store);

    for (Injector injector :
        new Injector[] {
          Guice.createInjector(new InMemoryDefaultModule(), module),
          Guice.createInjector(module, new InMemoryDefaultModule())
        }) {
      assertThat(injector.getInstance(TokenStore.class)).isSameAs(store);
      assertThat(injector.getInstance(VaultTokenStore.class)).isSameAs(store);
      assertThat(injector.getInstance(VaultConnection.class)).isSameAs(vault);
    }
  }

  @Test
  void aConnectionAloneBindsAStoreWithTheDefaults() {
    Injector injector =
        Guice.createInjector(new InMemoryDefaultModule(), new VaultStoreModule(vault));

    assertThat(injector.getInstance(TokenStore.class).toString())
        .contains("secret/data/krebit/tokens");
  }
}
