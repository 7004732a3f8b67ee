package se.krebit.auth.store.jdbc;

/**
 * The test kit's token store contract on PostgreSQL, encrypted, writers racing on 16 connections.
 */
class PostgresTokenStoreContractIT extends PostgresTokenStoreContract {
  PostgresTokenStoreContractIT() {
    super("token-store-contract", true);
  }
}
