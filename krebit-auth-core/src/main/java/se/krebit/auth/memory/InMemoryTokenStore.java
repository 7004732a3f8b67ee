package se.krebit.auth.memory;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * A {@link TokenStore} in this process's memory: the embedded default. Compare-and-set is atomic
 * per key. Nothing survives a restart and nothing is shared with other nodes; use the JDBC or Vault
 * store for that. Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentMap<TokenKey, StoredTokens> records = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredTokens> load(TokenKey key) {
    return Optional.ofNullable(records.get(requireNonNull(key, "key")));
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    requireNonNull(key, "key");
    requireNonNull(record, "record");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative");
    }
    StoredTokens[] written = new StoredTokens[1];
    records.compute(
        key,
        (k, existing) -> {
          long version = existing == null ? 0 : existing.version();
          if (version != expectedVersion) {
            return existing;
          }
          written[0] = new StoredTokens(k, record, version + 1);
          return written[0];
        });
    return Optional.ofNullable(written[0]);
  }

  @Override
  public boolean delete(TokenKey key) {
    return records.remove(requireNonNull(key, "key")) != null;
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + records.size() + " records]";
  }
}
