package se.krebit.auth.store.jdbc;

/**
 * The token store contract on PostgreSQL through a pool that hands out connections with auto-commit
 * off, as some application servers do: the store commits its own work.
 */
class PostgresManualCommitContractIT extends PostgresTokenStoreContract {
  PostgresManualCommitContractIT() {
    super("manual-commit", false);
  }
}
