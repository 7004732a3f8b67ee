package se.krebit.auth.store.vault;

/**
 * What a request to Vault is for, so a refusal can say which capability the token's policy lacks.
 *
 * @param description what was being done, for messages: "reading tokens"
 * @param capability the policy capability the request needs, as a message names it: {@code 'read'},
 *     or a phrase such as {@code 'create' (or 'update' if ...)} where Vault decides by what exists
 * @param policyPath the policy path that grants it, such as {@code secret/data/krebit/tokens/*}
 */
record Operation(String description, String capability, String policyPath) {
  /** An operation needing the one capability {@code capability}: read, create, update or delete. */
  static Operation needing(String description, String capability, String policyPath) {
    return new Operation(description, "'" + capability + "'", policyPath);
  }
}
