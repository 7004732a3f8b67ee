package se.krebit.auth.store.vault;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.testkit.vault.FakeVaultServer;
import se.krebit.testkit.vault.VaultFlavour;

/** Connections to a fake Vault, and records to store, for tests. */
final class TestVaults {
  static final String ROLE_ID = "role-PLANTED-5e1c";
  static final String SECRET_ID = "secret-id-PLANTED-77aa";
  static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  /** For {@code @MethodSource}: every flavour the adapter supports. */
  static final String SUPPORTED = "se.krebit.auth.store.vault.TestVaults#supportedFlavours";

  private TestVaults() {}

  static Stream<VaultFlavour> supportedFlavours() {
    return VaultFlavour.supported().stream();
  }

  /** A started fake of {@code flavour} with the test AppRole and the Transit key krebit-tokens. */
  static FakeVaultServer started(VaultFlavour flavour) {
    return FakeVaultServer.builder()
        .flavour(flavour)
        .appRole(ROLE_ID, SECRET_ID)
        .transitKey("krebit-tokens")
        .build()
        .start();
  }

  /**
   * A fake of one flavour, a connection logging in with its AppRole, and a store on it; closed
   * together.
   */
  record Deployment(FakeVaultServer vault, VaultConnection connection, VaultTokenStore store)
      implements AutoCloseable {
    @Override
    public void close() {
      connection.close();
      vault.close();
    }
  }

  /**
   * A started fake of {@code flavour} (as {@link #started}) and an AppRole store on it with the
   * default settings.
   */
  static Deployment deployed(VaultFlavour flavour) {
    FakeVaultServer vault = started(flavour);
    VaultConnection connection = appRole(vault);
    return new Deployment(vault, connection, VaultTokenStore.builder(connection).build());
  }

  /** A connection with the fake's root token. */
  static VaultConnection root(FakeVaultServer vault) {
    return VaultConnection.builder(vault.address()).token(vault.rootToken()).build();
  }

  /**
   * A connection logging in with the fake's AppRole, renewals on the fake's clock and run at once.
   */
  static VaultConnection appRole(FakeVaultServer vault) {
    return VaultConnection.builder(vault.address())
        .appRole(ROLE_ID, SECRET_ID)
        .clock(vault.clock())
        .executor(Runnable::run)
        .build();
  }

  static TokenRecord record(String access) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken("at-" + access, AccessToken.BEARER, NOW.plusSeconds(3600)),
            Optional.of(new RefreshToken("rt-" + access)),
            Set.of("read"),
            NOW));
  }
}
