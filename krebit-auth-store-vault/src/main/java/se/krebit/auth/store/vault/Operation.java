package se.krebit.auth.store.vault;

/**
 * What a request to Vault is for, so a refusal can say which capability the token's policy lacks.
 *
 * @param description what was being done, for messages: "reading tokens"
 * @param capability the policy capability the request needs: read, create, update or delete
 * @param policyPath the policy path that grants it, such as {@code secret/data/krebit/tokens/*}
 */
record Operation(String description, String capability, String policyPath) {}
