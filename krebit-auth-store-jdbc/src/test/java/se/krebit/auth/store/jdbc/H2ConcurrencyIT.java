package se.krebit.auth.store.jdbc;

/** The store's races on H2. */
class H2ConcurrencyIT extends ConcurrencyContract {
  H2ConcurrencyIT() {
    super(TestDatabase.h2());
  }
}
