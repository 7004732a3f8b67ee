package se.krebit.auth.store.jdbc;

/** The schema scripts on H2. */
class H2SchemaScriptsIT extends SchemaScriptsContract {
  H2SchemaScriptsIT() {
    super(TestDatabase.h2());
  }
}
