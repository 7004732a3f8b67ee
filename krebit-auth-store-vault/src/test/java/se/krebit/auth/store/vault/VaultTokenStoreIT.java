package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.vault.FakeVaultExtension;
import se.krebit.testkit.vault.FakeVaultServer;

/** The Vault store's own promises beyond the contract: KV versions, two nodes, typed errors. */
class VaultTokenStoreIT {
  @RegisterExtension static final FakeVaultExtension VAULT = FakeVaultExtension.builder().build();

  private final String tenant = "tenant-" + UUID.randomUUID();
  private final TokenKey alice = new TokenKey(tenant, "app", "alice");

  private static VaultTokenStore node() {
    return VaultTokenStore.builder(TestVaults.root(VAULT.server())).build();
  }

  private String path(TokenKey key) {
    return "krebit/tokens/" + VaultPaths.relative(key);
  }

  @Test
  void ofTwoNodesWritingTheSameVersionExactlyOneWinsAndTheOtherReadsItsRecord() throws Exception {
    VaultTokenStore first = node();
    VaultTokenStore second = node();
    first.compareAndSet(alice, 0, record("a1"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 20; round++) {
        long version = round;
        CountDownLatch start = new CountDownLatch(1);
        Future<Optional<StoredTokens>> one =
            pool.submit(
                () -> {
                  start.await();
                  return first.compareAndSet(alice, version, record("first-" + version));
                });
        Future<Optional<StoredTokens>> two =
            pool.submit(
                () -> {
                  start.await();
                  return second.compareAndSet(alice, version, record("second-" + version));
                });
        start.countDown();
        Optional<StoredTokens> a = one.get(30, TimeUnit.SECONDS);
        Optional<StoredTokens> b = two.get(30, TimeUnit.SECONDS);

        assertThat(a.isPresent() ^ b.isPresent())
            .as("exactly one winner in round " + round)
            .isTrue();
        StoredTokens winner = a.orElseGet(b::orElseThrow);
        VaultTokenStore loser = a.isPresent() ? second : first;
        assertThat(loser.load(alice)).as("the loser re-reads the winner's record").contains(winner);
        assertThat(winner.version()).isEqualTo(version + 1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(VAULT.server().kvCurrentVersion("secret", path(alice))).hasValue(21);
  }

  @Test
  void storeVersionsFollowVaultVersionsAndSignOutLeavesNoVersionBehind(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    store.compareAndSet(alice, 1, record("a2"));
    assertThat(vault.kvCurrentVersion("secret", path(alice))).hasValue(2);

    assertThat(store.delete(alice)).isTrue();

    assertThat(vault.kvPaths("secret")).doesNotContain(path(alice));
    assertThat(store.compareAndSet(alice, 0, record("a3")).orElseThrow().version()).isEqualTo(1);
    assertThat(vault.kvCurrentVersion("secret", path(alice))).hasValue(1);
    assertThat(vault.journal().count("DELETE", "secret/metadata/krebit/tokens/")).isEqualTo(1);
  }

  @Test
  void aRecordSoftDeletedBehindTheStoresBackIsAbsentAndCanBeCreatedAgainAtVersionOne(
      FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    store.compareAndSet(alice, 1, record("a2"));
    vault.kvSoftDelete("secret", path(alice));

    assertThat(store.load(alice)).isEmpty();
    assertThat(store.compareAndSet(alice, 2, record("stale"))).isEmpty();
    StoredTokens created = store.compareAndSet(alice, 0, record("a3")).orElseThrow();

    assertThat(created.version()).isEqualTo(1);
    assertThat(vault.kvCurrentVersion("secret", path(alice)))
        .as("Vault's own count went on")
        .hasValue(3);
    assertThat(store.load(alice)).contains(created);
    assertThat(store.compareAndSet(alice, 1, record("a4")).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void aCreateOverALiveRecordLosesWithoutWriting(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    int writes = vault.journal().count("POST", "secret/data/");

    assertThat(store.compareAndSet(alice, 0, record("again"))).isEmpty();
    assertThat(vault.journal().count("POST", "secret/data/") - writes)
        .as("only the refused create")
        .isEqualTo(1);
    assertThat(store.load(alice).orElseThrow().record()).isEqualTo(record("a1"));
  }

  @Test
  void subjectsAreEscapedIntoOneSegmentThatNeverLeavesThePrefix(FakeVaultServer vault) {
    VaultTokenStore store = node();
    List<String> subjects =
        List.of("../alice", "..", ".", "a/b", "a%2Fb", "a\\b", "*", "+", "ä ö", "x~41", "alice");
    for (String subject : subjects) {
      store.compareAndSet(new TokenKey(tenant, "app", subject), 0, record(subject));
    }

    List<String> mine =
        vault.kvPaths("secret").stream().filter(p -> p.contains(tenant.replace("-", "-"))).toList();
    assertThat(mine)
        .hasSize(subjects.size())
        .allSatisfy(
            p -> {
              assertThat(p).startsWith("krebit/tokens/" + tenant + "/app/");
              String segment = p.substring(("krebit/tokens/" + tenant + "/app/").length());
              assertThat(segment).matches("[A-Za-z0-9_~-]+");
            });
    assertThat(mine)
        .contains(
            "krebit/tokens/" + tenant + "/app/~2E~2E~2Falice",
            "krebit/tokens/" + tenant + "/app/~2E~2E",
            "krebit/tokens/" + tenant + "/app/x~7E41",
            "krebit/tokens/" + tenant + "/app/alice");
  }

  @Test
  void aSealedVaultIsARetryableError(FakeVaultServer vault) {
    VaultTokenStore store = node();
    vault.seal();

    assertThatThrownBy(() -> store.load(alice))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("sealed");
    assertThatThrownBy(() -> store.compareAndSet(alice, 0, record("a1")))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    vault.unseal();
    assertThat(store.compareAndSet(alice, 0, record("a1"))).isPresent();
  }

  @Test
  void aDeniedCapabilityIsAPermanentErrorNamingTheCapabilityAndPolicyPath(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    vault.deny("secret/data/krebit/*", "update");

    assertThatThrownBy(() -> store.compareAndSet(alice, 1, record("a2")))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("'update' capability")
        .hasMessageContaining("\"secret/data/krebit/tokens/*\"")
        .hasMessageContaining("permission denied");
    vault.deny("secret/metadata/*", "delete");
    assertThatThrownBy(() -> store.delete(alice))
        .hasMessageContaining("'delete' capability on \"secret/metadata/krebit/tokens/*\"");
  }

  @Test
  void serverErrorsAndResetConnectionsAreRetryable(FakeVaultServer vault) {
    VaultTokenStore store = node();
    vault.failNextRequests(1, InjectedFault.status(500));
    vault.failNextRequests(1, InjectedFault.status(502));
    // The JDK's HttpClient retries a GET once after a reset by itself: two resets fail the load.
    vault.failNextRequests(2, InjectedFault.connectionReset());

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> store.load(alice))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue());
    }
    assertThat(store.load(alice)).isEmpty();
  }

  @Test
  void aSecretThatIsNotATokenRecordIsAPermanentError(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    VaultTokenStore sealing =
        VaultTokenStore.builder(TestVaults.root(vault))
            .cipher(VaultTransitCipher.builder(TestVaults.root(vault)).key("nope").build())
            .build();

    assertThatThrownBy(() -> sealing.load(alice))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("not sealed");
  }

  @Test
  void storesOnDifferentPrefixesDoNotSeeEachOther() {
    VaultTokenStore one = node();
    VaultTokenStore other = node().toBuilder().pathPrefix("other/place").build();
    one.compareAndSet(alice, 0, record("a1"));

    assertThat(other.load(alice)).isEmpty();
    assertThat(other.toString()).contains("secret/data/other/place");
  }

  @Test
  void everyStoredValueIsInTheSecretAndTheVersionIsTheStores(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    store.compareAndSet(alice, 1, record("a2"));

    assertThat(vault.kvData("secret", path(alice)).orElseThrow())
        .containsEntry("format", "krebit.token-record.v1")
        .containsEntry("subject", "alice")
        .containsEntry("access_token", "at-a2")
        .containsEntry("refresh_token", "rt-a2")
        .containsKey("version");
    assertThat(new ArrayList<>(vault.kvData("secret", path(alice)).orElseThrow().keySet()))
        .doesNotContain("sealed_tokens");
  }

  @Test
  void signOutSucceedsWhenVaultAnswersTheDeleteWithWarnings(FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    vault.warnOn("secret/metadata/*", "Endpoint ignored these unrecognized parameters: [purge]");

    assertThat(store.delete(alice)).isTrue();

    assertThat(vault.kvPaths("secret")).doesNotContain(path(alice));
    assertThat(vault.journal().lastRequest().orElseThrow().answered(200))
        .as("a 200, not a 204")
        .isTrue();
  }

  @Test
  void aCreateRefusedOverASecretWhoseVersionsAreDeletedNamesTheUpdateCapability(
      FakeVaultServer vault) {
    VaultTokenStore store = node();
    store.compareAndSet(alice, 0, record("a1"));
    vault.kvSoftDelete("secret", path(alice));
    vault.deny("secret/data/krebit/*", "update");

    assertThatThrownBy(() -> store.compareAndSet(alice, 0, record("a2")))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("'update' capability on \"secret/data/krebit/tokens/*\"")
        .hasMessageNotContaining("'create'");
  }

  @Test
  void aCreateRefusedForANewSecretNamesTheCreateCapability(FakeVaultServer vault) {
    vault.deny("secret/data/krebit/*", "create");

    assertThatThrownBy(() -> node().compareAndSet(alice, 0, record("a1")))
        .hasMessageContaining("'create' capability on \"secret/data/krebit/tokens/*\"");
  }
}
