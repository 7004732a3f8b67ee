package se.krebit.auth.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A contract that its H2 and PostgreSQL subclasses run on a {@link TestDatabase} of their own: one
 * database for all the tests of a class, closed after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {
  final TestDatabase database;

  DatabaseContract(TestDatabase database) {
    this.database = database;
  }

  @AfterAll
  final void closeDatabase() {
    database.close();
  }
}
