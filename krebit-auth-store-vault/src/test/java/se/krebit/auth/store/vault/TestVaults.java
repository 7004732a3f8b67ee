package se.krebit.auth.store.vault;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.testkit.vault.FakeVaultServer;

/** Connections to a fake Vault, and records to store, for tests. */
final class TestVaults {
  static final String ROLE_ID = "role-PLANTED-5e1c";
  static final String SECRET_ID = "secret-id-PLANTED-77aa";
  static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  private TestVaults() {}

  /** A connection with the fake's root token. */
  static VaultConnection root(FakeVaultServer vault) {
    return VaultConnection.builder(vault.address()).token(vault.rootToken()).build();
  }

  /** A connection logging in with the fake's AppRole, renewals on the fake's clock and run at once. */
  static VaultConnection appRole(FakeVaultServer vault) {
    return VaultConnection.builder(vault.address())
        .appRole(ROLE_ID, SECRET_ID)
        .clock(vault.clock())
        .executor(Runnable::run)
        .build();
  }

  static TokenRecord record(String access) {
    return TokenRecord.of(new TokenSet(new AccessToken("at-" + access, AccessToken.BEARER, NOW.plusSeconds(3600)),
        Optional.of(new RefreshToken("rt-" + access)), Set.of("read"), NOW));
  }
}
