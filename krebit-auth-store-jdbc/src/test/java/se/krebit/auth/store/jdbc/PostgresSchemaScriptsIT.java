package se.krebit.auth.store.jdbc;

/** The schema scripts on PostgreSQL. */
class PostgresSchemaScriptsIT extends SchemaScriptsContract {
  PostgresSchemaScriptsIT() {
    super(TestDatabase.postgres("schema-scripts", 4));
  }
}
