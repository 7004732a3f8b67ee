package se.krebit.testkit.contract;

import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.testing.SettableClock;

class InMemoryStateRepositoryTest extends StateRepositoryContract {
  @Override
  protected StateRepository repository(SettableClock clock) {
    return new InMemoryStateRepository(clock);
  }
}
