package se.krebit.testkit.contract;

import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenStore;

class InMemoryTokenStoreTest extends TokenStoreContract {
  @Override
  protected TokenStore store() {
    return new InMemoryTokenStore();
  }
}
