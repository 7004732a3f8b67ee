package se.krebit.testkit.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.vault.VaultHttp.json;
import static se.krebit.testkit.vault.VaultHttp.object;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.Fingerprint;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.Disconnect;

/** The fake Vault over HTTP, as a client of a real Vault would see it. */
class FakeVaultServerIT {
  private static final SettableClock CLOCK = SettableClock.create();

  @RegisterExtension
  static final FakeVaultExtension VAULT =
      FakeVaultExtension.builder()
          .kvMount("kv/strict")
          .transitKey("tokens")
          .appRole("the-role", "the-secret")
          .appRoleTokenTtl(Duration.ofMinutes(30), Duration.ofMinutes(50))
          .clock(CLOCK)
          .build();

  private VaultHttp root;

  @BeforeEach
  void rootClient() {
    root = new VaultHttp(VAULT.server().address(), VAULT.server().rootToken());
  }

  private static String b64(String text) {
    return Base64.getEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Decrypts {@code ciphertext} with the key {@code tokens}, bound to {@code row}. */
  private HttpResponse<String> decrypt(String ciphertext, String row) {
    return root.post(
        "transit/decrypt/tokens",
        "{\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\"" + b64(row) + "\"}");
  }

  @Test
  void successfulResponsesCarryVaultsEnvelope() {
    HttpResponse<String> write = root.post("secret/data/shape", "{\"data\":{\"a\":\"1\"}}");

    assertThat(write.statusCode()).isEqualTo(200);
    assertThat(write.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json(write))
        .containsOnlyKeys(
            "request_id",
            "lease_id",
            "renewable",
            "lease_duration",
            "data",
            "wrap_info",
            "warnings",
            "auth",
            "mount_type");
    assertThat(json(write))
        .containsEntry("lease_id", "")
        .containsEntry("renewable", false)
        .containsEntry("lease_duration", 0L)
        .containsEntry("wrap_info", null)
        .containsEntry("warnings", null)
        .containsEntry("auth", null)
        .containsEntry("mount_type", "kv");
    assertThat(object(json(write), "data"))
        .containsEntry("version", 1L)
        .containsEntry("destroyed", false)
        .containsEntry("deletion_time", "")
        .containsKey("created_time");

    Map<String, Object> read = object(json(root.get("secret/data/shape")), "data");
    assertThat(object(read, "data")).containsEntry("a", "1");
    assertThat(object(read, "metadata")).containsEntry("version", 1L);
  }

  @Test
  void versionsCountUpUnderCheckAndSetAndStartOverOnlyAfterAMetadataDelete() {
    assertThat(
            root.post("secret/data/cas", "{\"options\":{\"cas\":0},\"data\":{\"v\":\"1\"}}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> again =
        root.post("secret/data/cas", "{\"options\":{\"cas\":0},\"data\":{\"v\":\"x\"}}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again))
        .containsEntry(
            "errors", List.of("check-and-set parameter did not match the current version"));
    assertThat(
            object(
                json(
                    root.post(
                        "secret/data/cas", "{\"options\":{\"cas\":1},\"data\":{\"v\":\"2\"}}")),
                "data"))
        .containsEntry("version", 2L);

    assertThat(root.delete("secret/data/cas").statusCode()).isEqualTo(204);
    HttpResponse<String> deleted = root.get("secret/data/cas");
    assertThat(deleted.statusCode()).isEqualTo(404);
    Map<String, Object> metadata = object(object(json(deleted), "data"), "metadata");
    assertThat(metadata).containsEntry("version", 2L);
    assertThat((String) metadata.get("deletion_time")).isNotEmpty();
    assertThat(root.post("secret/data/cas", "{\"options\":{\"cas\":0},\"data\":{}}").statusCode())
        .as("a soft-deleted key still exists")
        .isEqualTo(400);
    assertThat(
            object(
                json(
                    root.post(
                        "secret/data/cas", "{\"options\":{\"cas\":2},\"data\":{\"v\":\"3\"}}")),
                "data"))
        .containsEntry("version", 3L);
    assertThat(object(json(root.get("secret/metadata/cas")), "data"))
        .containsEntry("current_version", 3L);

    assertThat(root.delete("secret/metadata/cas").statusCode()).isEqualTo(204);
    HttpResponse<String> gone = root.get("secret/data/cas");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("{\"errors\":[]}");
    assertThat(
            object(
                json(root.post("secret/data/cas", "{\"options\":{\"cas\":0},\"data\":{}}")),
                "data"))
        .containsEntry("version", 1L);
  }

  @Test
  void aMountRequiringCasRefusesWritesWithoutIt() {
    try (FakeVaultServer strict = FakeVaultServer.builder().casRequired(true).build().start()) {
      VaultHttp client = new VaultHttp(strict.address(), strict.rootToken());
      HttpResponse<String> write = client.post("secret/data/x", "{\"data\":{}}");

      assertThat(write.statusCode()).isEqualTo(400);
      assertThat(json(write))
          .containsEntry("errors", List.of("check-and-set parameter required for this call"));
      assertThat(client.post("secret/data/x", "{\"options\":{\"cas\":0},\"data\":{}}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void appRoleTokensExpireOnTheClockAndRenewUpToTheirMaxTtl() {
    VaultHttp anonymous = root.as(null);
    assertThat(
            anonymous
                .post("auth/approle/login", "{\"role_id\":\"the-role\",\"secret_id\":\"wrong\"}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> login =
        anonymous.post(
            "auth/approle/login", "{\"role_id\":\"the-role\",\"secret_id\":\"the-secret\"}");
    assertThat(login.statusCode()).isEqualTo(200);
    Map<String, Object> auth = object(json(login), "auth");
    assertThat(auth)
        .containsEntry("lease_duration", 1800L)
        .containsEntry("renewable", true)
        .containsEntry("token_type", "service")
        .containsKeys("client_token", "accessor", "policies", "metadata");
    assertThat(json(login)).containsEntry("data", null);
    VaultHttp app = root.as((String) auth.get("client_token"));

    CLOCK.advance(Duration.ofMinutes(20));
    assertThat(object(json(app.get("auth/token/lookup-self")), "data")).containsEntry("ttl", 600L);
    HttpResponse<String> renewed = app.post("auth/token/renew-self", "");
    assertThat(object(json(renewed), "auth")).containsEntry("lease_duration", 1800L);

    CLOCK.advance(Duration.ofMinutes(20));
    HttpResponse<String> capped = app.post("auth/token/renew-self", "");
    assertThat(object(json(capped), "auth")).containsEntry("lease_duration", 600L);
    assertThat((List<?>) json(capped).get("warnings")).hasSize(1);

    CLOCK.advance(Duration.ofMinutes(10));
    HttpResponse<String> expired = app.get("auth/token/lookup-self");
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(json(expired))
        .containsEntry(
            "errors", List.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"));
  }

  @Test
  void transitBindsAssociatedDataAndKeepsOldKeyVersionsReadable() {
    HttpResponse<String> sealed =
        root.post(
            "transit/encrypt/tokens",
            "{\"plaintext\":\""
                + b64("secret")
                + "\",\"associated_data\":\""
                + b64("row-1")
                + "\"}");
    String ciphertext = (String) object(json(sealed), "data").get("ciphertext");
    assertThat(ciphertext).startsWith("vault:v1:");
    assertThat(object(json(sealed), "data")).containsEntry("key_version", 1L);

    HttpResponse<String> opened = decrypt(ciphertext, "row-1");
    assertThat(object(json(opened), "data")).containsEntry("plaintext", b64("secret"));
    HttpResponse<String> other = decrypt(ciphertext, "row-2");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other))
        .containsEntry("errors", List.of("cipher: message authentication failed"));

    assertThat(object(json(root.post("transit/keys/tokens/rotate", "")), "data"))
        .containsEntry("latest_version", 2L);
    String newer =
        (String)
            object(
                    json(
                        root.post(
                            "transit/encrypt/tokens", "{\"plaintext\":\"" + b64("x") + "\"}")),
                    "data")
                .get("ciphertext");
    assertThat(newer).startsWith("vault:v2:");
    assertThat(decrypt(ciphertext, "row-1").statusCode()).isEqualTo(200);
    VAULT.server().transitMinDecryptionVersion("transit", "tokens", 2);
    assertThat(json(decrypt(ciphertext, "row-1")))
        .containsEntry(
            "errors", List.of("ciphertext or signature version is disallowed by policy (too old)"));
  }

  @Test
  void aKeyCreatedWithAContextIsDerivedPerContext() {
    String ciphertext =
        (String)
            object(
                    json(
                        root.post(
                            "transit/encrypt/derived",
                            "{\"plaintext\":\""
                                + b64("p")
                                + "\",\"context\":\""
                                + b64("ctx-1")
                                + "\"}")),
                    "data")
                .get("ciphertext");

    assertThat(
            root.post(
                    "transit/decrypt/derived",
                    "{\"ciphertext\":\"" + ciphertext + "\",\"context\":\"" + b64("ctx-1") + "\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            root.post(
                    "transit/decrypt/derived",
                    "{\"ciphertext\":\"" + ciphertext + "\",\"context\":\"" + b64("ctx-2") + "\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            root.post("transit/decrypt/derived", "{\"ciphertext\":\"" + ciphertext + "\"}").body())
        .contains("missing 'context'");
  }

  @Test
  void sealedDeniedUnauthenticatedAndUnknownRequestsGetVaultsErrors() {
    VAULT.server().deny("secret/data/locked/*", "read");
    HttpResponse<String> denied = root.get("secret/data/locked/x");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(json(denied))
        .containsEntry("errors", List.of("1 error occurred:\n\t* permission denied\n\n"));
    assertThat(root.as(null).get("secret/data/x").statusCode()).isEqualTo(403);
    assertThat(root.get("nothing/here").statusCode()).isEqualTo(404);

    VAULT.server().seal();
    HttpResponse<String> sealed = root.get("secret/data/x");
    assertThat(sealed.statusCode()).isEqualTo(503);
    assertThat(json(sealed)).containsEntry("errors", List.of("Vault is sealed"));
  }

  @Test
  void everyKindOfScriptedFaultIsPlayedInOrderWithVaultsErrorBody() {
    VAULT.server().failNextRequests(1, InjectedFault.status(503, Duration.ofSeconds(7)));
    VAULT.server().failNextRequests(1, InjectedFault.disconnect(Disconnect.Kind.EMPTY_RESPONSE));
    VAULT.server().failNextRequests(1, InjectedFault.response(418, "text/plain", "teapot"));

    HttpResponse<String> unavailable = root.get("secret/data/x");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).contains("7");
    assertThat(json(unavailable))
        .containsEntry("errors", List.of("HTTP 503 injected by the fake Vault"));
    // a POST, which the JDK's HttpClient does not send again by itself
    assertThatThrownBy(() -> root.post("secret/data/x", "{}"))
        .isInstanceOf(UncheckedIOException.class);
    HttpResponse<String> canned = root.get("secret/data/x");
    assertThat(canned.statusCode()).isEqualTo(418);
    assertThat(canned.body()).isEqualTo("teapot");
    assertThat(root.get("secret/data/x").statusCode()).isEqualTo(404);
    assertThat(VAULT.server().journal().lastRequest().orElseThrow().status()).hasValue(404);
  }

  @Test
  void theJournalNamesPathsAndTokenFingerprintsButNoTokens() {
    root.post("secret/data/journal", "{\"data\":{\"password\":\"hunter2\"}}");

    RecordedVaultRequest entry = VAULT.server().journal().lastRequest().orElseThrow();
    assertThat(entry.method()).isEqualTo("POST");
    assertThat(entry.path()).isEqualTo("secret/data/journal");
    assertThat(entry.tokenFingerprint()).contains(Fingerprint.of(VAULT.server().rootToken()));
    assertThat(entry.toString())
        .doesNotContain(VAULT.server().rootToken())
        .doesNotContain("hunter2");
  }

  @Test
  void secretIdsRunOutOfUsesAndTimeAndWrappedOnesUnwrapOnce() {
    VaultHttp anonymous = root.as(null);
    String twice = VAULT.server().newSecretId(2, Duration.ZERO);
    String brief = VAULT.server().newSecretId(0, Duration.ofMinutes(5));
    String login = "{\"role_id\":\"the-role\",\"secret_id\":\"%s\"}";

    assertThat(anonymous.post("auth/approle/login", login.formatted(twice)).statusCode())
        .isEqualTo(200);
    assertThat(anonymous.post("auth/approle/login", login.formatted(twice)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> spent = anonymous.post("auth/approle/login", login.formatted(twice));
    assertThat(spent.statusCode()).isEqualTo(400);
    assertThat(json(spent)).containsEntry("errors", List.of("invalid role or secret ID"));
    assertThat(anonymous.post("auth/approle/login", login.formatted(brief)).statusCode())
        .isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(5));
    assertThat(anonymous.post("auth/approle/login", login.formatted(brief)).statusCode())
        .isEqualTo(400);

    String wrapping = VAULT.server().newWrappedSecretId(1, Duration.ZERO, Duration.ofMinutes(1));
    String unwrapped =
        (String)
            object(json(root.as(wrapping).post("sys/wrapping/unwrap", "")), "data")
                .get("secret_id");
    assertThat(anonymous.post("auth/approle/login", login.formatted(unwrapped)).statusCode())
        .isEqualTo(200);
    assertThat(root.as(wrapping).post("sys/wrapping/unwrap", "").statusCode()).isEqualTo(400);
    String late = VAULT.server().newWrappedSecretId(1, Duration.ZERO, Duration.ofMinutes(1));
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(root.as(late).post("sys/wrapping/unwrap", "").statusCode())
        .as("expired wrapping token")
        .isEqualTo(400);
  }

  @Test
  void aStandbyRedirectsEverythingButHealthAndResetMakesItActive() {
    VAULT.server().becomeStandbyOf(URI.create("https://active.example:8200"));

    HttpResponse<String> redirected = root.post("secret/data/x", "{\"data\":{}}");
    assertThat(redirected.statusCode()).isEqualTo(307);
    assertThat(redirected.headers().firstValue("Location"))
        .contains("https://active.example:8200/v1/secret/data/x");
    assertThat(root.as(null).get("sys/health").statusCode()).isEqualTo(429);
    assertThat(root.as(null).get("sys/health?standbyok=true").statusCode()).isEqualTo(200);
    assertThat(json(root.as(null).get("sys/health?standbyok=true"))).containsEntry("standby", true);

    VAULT.server().reset();
    assertThat(root.get("secret/data/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void aKvUpgradeRefusesOnlyItsMountUntilItEnds() {
    VAULT.server().startKvUpgrade("kv/strict");

    assertThat(root.get("kv/strict/data/x").statusCode()).isEqualTo(400);
    assertThat(root.get("secret/data/x").statusCode()).isEqualTo(404);
    VAULT.server().deny("kv/strict/*", "read");
    assertThat(root.get("kv/strict/data/x").statusCode())
        .as("the policy is checked first")
        .isEqualTo(403);
    VAULT.server().finishKvUpgrade("kv/strict");
    VAULT.server().reset();
    assertThat(root.get("kv/strict/data/x").statusCode()).isEqualTo(404);
  }

  @Test
  void eachFlavourWordsARevokedTokenItsOwnWayAndTheSamePolicyDenial() {
    for (VaultFlavour flavour : VaultFlavour.values()) {
      try (FakeVaultServer vault = FakeVaultServer.builder().flavour(flavour).build().start()) {
        String token = vault.issueToken(Duration.ofMinutes(5), true);
        VaultHttp client = new VaultHttp(vault.address(), token);
        vault.deny("secret/data/locked", "read");
        Object denied = json(client.get("secret/data/locked")).get("errors");
        vault.revokeToken(token);
        HttpResponse<String> revoked = client.get("secret/data/x");

        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(denied)
            .as(flavour.displayName())
            .isEqualTo(List.of("1 error occurred:\n\t* permission denied\n\n"));
        assertThat(json(revoked).get("errors"))
            .as(flavour.displayName())
            .isEqualTo(
                List.of(
                    flavour == VaultFlavour.VAULT_1_17_PLUS
                        ? "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"
                        : "permission denied"));
        assertThat(json(client.as(null).get("sys/health")))
            .containsEntry("version", flavour.version());
      }
    }
  }
}
