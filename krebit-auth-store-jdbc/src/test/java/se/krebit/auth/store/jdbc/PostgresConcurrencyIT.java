package se.krebit.auth.store.jdbc;

/** The store's races on PostgreSQL. */
class PostgresConcurrencyIT extends ConcurrencyContract {
  PostgresConcurrencyIT() {
    super(TestDatabase.postgres("concurrency", 10));
  }
}
