package se.krebit.testkit.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.vault.VaultHttp.json;
import static se.krebit.testkit.vault.VaultHttp.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fake Vault answers every golden fixture exactly (see {@code fixtures/README.md}), as each
 * flavour the fixture names: each case builds a fake of that flavour, puts it in the state the
 * fixture describes, sends the fixture's request over HTTP and compares the answer.
 */
class VaultFixturesIT {
  private static final String ROLE_ID = "59d6d1ca-47bb-4e7e-a40b-8be3bc5a0ba8";
  private static final String SECRET_ID = "84896a0c-1347-aa90-a4f6-aca8b7558780";
  private static final String PLAINTEXT = "dGhlIHF1aWNrIGJyb3duIGZveAo=";
  private static final String ROW_1 = "cm93LTE=";
  private static final String CUSTOM_METADATA =
      "{\"custom_metadata\":{\"owner\":\"jdoe\",\"mission_critical\":\"false\"}}";

  /** How each fixture's state is made and its request sent, by fixture name. */
  private static final Map<String, Function<FakeVaultServer, HttpResponse<String>>> SCENARIOS =
      Map.ofEntries(
          Map.entry(
              "kv2-write.http",
              vault -> {
                root(vault).post("secret/metadata/my-secret", CUSTOM_METADATA);
                return root(vault)
                    .post(
                        "secret/data/my-secret",
                        "{\"options\":{\"cas\":0},\"data\":{\"foo\":\"bar\",\"zip\":\"zap\"}}");
              }),
          Map.entry(
              "kv2-read.http",
              vault -> {
                root(vault).post("secret/metadata/my-secret", CUSTOM_METADATA);
                root(vault)
                    .post(
                        "secret/data/my-secret",
                        "{\"options\":{\"cas\":0},\"data\":{\"foo\":\"first\"}}");
                root(vault)
                    .post(
                        "secret/data/my-secret",
                        "{\"options\":{\"cas\":1},\"data\":{\"foo\":\"bar\"}}");
                return root(vault).get("secret/data/my-secret");
              }),
          Map.entry(
              "kv2-cas-mismatch.http",
              vault -> {
                root(vault)
                    .post(
                        "secret/data/my-secret",
                        "{\"options\":{\"cas\":0},\"data\":{\"foo\":\"bar\"}}");
                return root(vault)
                    .post(
                        "secret/data/my-secret",
                        "{\"options\":{\"cas\":0},\"data\":{\"foo\":\"baz\"}}");
              }),
          Map.entry(
              "kv2-read-deleted-version.http",
              vault -> {
                root(vault).post("secret/data/my-secret", "{\"data\":{\"foo\":\"first\"}}");
                root(vault).post("secret/data/my-secret", "{\"data\":{\"foo\":\"bar\"}}");
                root(vault).delete("secret/data/my-secret");
                vault.clock().advance(Duration.ofSeconds(1));
                return root(vault).get("secret/data/my-secret");
              }),
          Map.entry("kv2-read-missing.http", vault -> root(vault).get("secret/data/nobody-here")),
          Map.entry(
              "kv2-metadata-delete.http",
              vault -> {
                root(vault).post("secret/data/my-secret", "{\"data\":{\"foo\":\"bar\"}}");
                return root(vault).delete("secret/metadata/my-secret");
              }),
          Map.entry(
              "kv2-metadata-delete-with-warning.http",
              vault -> {
                root(vault).post("secret/data/my-secret", "{\"data\":{\"foo\":\"bar\"}}");
                vault.warnOn("secret/metadata/*", "the fake was told to warn here");
                return root(vault).delete("secret/metadata/my-secret");
              }),
          Map.entry(
              "kv2-upgrading.http",
              vault -> {
                vault.startKvUpgrade("secret");
                return root(vault).get("secret/data/my-secret");
              }),
          Map.entry("transit-encrypt.http", VaultFixturesIT::encrypt),
          Map.entry("transit-encrypt-ignores-associated-data.http", VaultFixturesIT::encrypt),
          Map.entry("transit-decrypt.http", vault -> decrypt(vault, ROW_1)),
          Map.entry(
              "transit-decrypt-other-associated-data.http", vault -> decrypt(vault, "cm93LTI=")),
          Map.entry("transit-key-read.vault.http", vault -> root(vault).get("transit/keys/foo")),
          Map.entry("transit-key-read.openbao.http", vault -> root(vault).get("transit/keys/foo")),
          Map.entry(
              "transit-key-name-unsupported.http",
              vault ->
                  root(vault)
                      .post("transit/encrypt/foo-", "{\"plaintext\":\"" + PLAINTEXT + "\"}")),
          Map.entry("approle-login.http", VaultFixturesIT::login),
          Map.entry(
              "approle-login-invalid-secret-id.http",
              vault -> {
                String once = vault.newSecretId(1, Duration.ZERO);
                login(vault, once);
                return login(vault, once);
              }),
          Map.entry(
              "token-lookup-self.http",
              vault -> {
                String token = clientToken(login(vault));
                vault.clock().advance(Duration.ofMinutes(10));
                return root(vault).as(token).get("auth/token/lookup-self");
              }),
          Map.entry(
              "token-renew-self.http",
              vault -> root(vault).as(clientToken(login(vault))).post("auth/token/renew-self", "")),
          Map.entry(
              "unwrap-secret-id.http",
              vault -> {
                String wrapping =
                    vault.newWrappedSecretId(50, Duration.ofSeconds(600), Duration.ofMinutes(5));
                return root(vault).as(wrapping).post("sys/wrapping/unwrap", "");
              }),
          Map.entry(
              "unwrap-spent.http",
              vault -> {
                String wrapping =
                    vault.newWrappedSecretId(50, Duration.ofSeconds(600), Duration.ofMinutes(5));
                root(vault).as(wrapping).post("sys/wrapping/unwrap", "");
                return root(vault).as(wrapping).post("sys/wrapping/unwrap", "");
              }),
          Map.entry(
              "permission-denied.http",
              vault -> {
                vault.deny("secret/data/locked", "read");
                return root(vault).get("secret/data/locked");
              }),
          Map.entry("invalid-token.vault-1.17.http", VaultFixturesIT::withRevokedToken),
          Map.entry("invalid-token.bare.http", VaultFixturesIT::withRevokedToken),
          Map.entry(
              "sealed.http",
              vault -> {
                vault.seal();
                return root(vault).get("secret/data/my-secret");
              }),
          Map.entry(
              "standby-redirect.http",
              vault -> {
                vault.becomeStandbyOf(URI.create("https://vault-active.example:8200"));
                return root(vault).get("secret/data/my-secret?version=2");
              }),
          Map.entry("sys-health.vault-1.12.http", VaultFixturesIT::health),
          Map.entry("sys-health.vault-1.16.http", VaultFixturesIT::health),
          Map.entry("sys-health.vault-1.17.http", VaultFixturesIT::health),
          Map.entry("sys-health.openbao-2.http", VaultFixturesIT::health),
          Map.entry(
              "sys-health-sealed.vault-1.17.http",
              vault -> {
                vault.seal();
                return health(vault);
              }));

  @TestFactory
  Stream<DynamicTest> theFakeAnswersEveryFixtureAsEachFlavourItNames() {
    return fixtureNames().stream()
        .map(VaultFixture::load)
        .flatMap(
            fixture ->
                fixture.flavours().stream()
                    .map(
                        flavour ->
                            DynamicTest.dynamicTest(
                                fixture.name() + " as " + flavour,
                                () -> {
                                  try (FakeVaultServer vault = server(flavour)) {
                                    HttpResponse<String> response =
                                        SCENARIOS.get(fixture.name()).apply(vault);

                                    assertThat(fixture.differences(flavour, response))
                                        .as(
                                            "%s as %s, answer %s",
                                            fixture, flavour, response.body())
                                        .isEmpty();
                                  }
                                })));
  }

  @Test
  void everyFixtureHasAScenarioAFlavourAndItsSourcesAndEveryScenarioAFixture() {
    List<VaultFixture> fixtures = fixtureNames().stream().map(VaultFixture::load).toList();

    assertThat(fixtures)
        .hasSizeGreaterThanOrEqualTo(30)
        .allSatisfy(
            fixture -> {
              assertThat(fixture.flavours()).as(fixture.name()).isNotEmpty();
              assertThat(fixture.citations()).as(fixture.name()).isNotEmpty();
              assertThat(fixture.request()).as(fixture.name()).isNotBlank();
            });
    assertThat(SCENARIOS.keySet())
        .containsExactlyInAnyOrderElementsOf(fixtures.stream().map(VaultFixture::name).toList());
  }

  @Test
  void everySupportedFlavourIsCoveredForEveryEndpointTheAdapterUses() {
    List<VaultFixture> fixtures = fixtureNames().stream().map(VaultFixture::load).toList();
    for (String endpoint :
        List.of(
            "kv2-write",
            "kv2-read",
            "kv2-cas-mismatch",
            "kv2-read-deleted-version",
            "kv2-metadata-delete",
            "transit-encrypt",
            "transit-decrypt",
            "transit-decrypt-other-associated-data",
            "transit-key-read",
            "approle-login",
            "token-renew-self",
            "token-lookup-self",
            "sealed",
            "standby-redirect",
            "sys-health",
            "invalid-token",
            "permission-denied",
            "unwrap-secret-id",
            "kv2-upgrading")) {
      for (VaultFlavour flavour : VaultFlavour.supported()) {
        assertThat(fixtures)
            .as(endpoint + " as " + flavour)
            .anyMatch(f -> f.name().startsWith(endpoint + ".") && f.flavours().contains(flavour));
      }
    }
  }

  /**
   * A fake of {@code flavour} with a Transit key foo and the AppRole role krebit (token TTL 20
   * minutes).
   */
  private static FakeVaultServer server(VaultFlavour flavour) {
    return FakeVaultServer.builder()
        .flavour(flavour)
        .transitKey("foo")
        .appRole(ROLE_ID, SECRET_ID)
        .appRoleTokenTtl(Duration.ofMinutes(20), FakeVaultServer.DEFAULT_TOKEN_MAX_TTL)
        .build()
        .start();
  }

  private static VaultHttp root(FakeVaultServer vault) {
    return new VaultHttp(vault.address(), vault.rootToken());
  }

  private static HttpResponse<String> encrypt(FakeVaultServer vault) {
    return root(vault)
        .post(
            "transit/encrypt/foo",
            "{\"plaintext\":\"" + PLAINTEXT + "\",\"associated_data\":\"" + ROW_1 + "\"}");
  }

  private static HttpResponse<String> decrypt(FakeVaultServer vault, String associatedData) {
    String ciphertext = (String) object(json(encrypt(vault)), "data").get("ciphertext");
    return root(vault)
        .post(
            "transit/decrypt/foo",
            "{\"ciphertext\":\""
                + ciphertext
                + "\",\"associated_data\":\""
                + associatedData
                + "\"}");
  }

  private static HttpResponse<String> login(FakeVaultServer vault) {
    return login(vault, SECRET_ID);
  }

  private static HttpResponse<String> login(FakeVaultServer vault, String secretId) {
    return root(vault)
        .as(null)
        .post(
            "auth/approle/login",
            "{\"role_id\":\"" + ROLE_ID + "\",\"secret_id\":\"" + secretId + "\"}");
  }

  private static String clientToken(HttpResponse<String> login) {
    return (String) object(json(login), "auth").get("client_token");
  }

  private static HttpResponse<String> withRevokedToken(FakeVaultServer vault) {
    String token = clientToken(login(vault));
    vault.revokeToken(token);
    return root(vault).as(token).get("secret/data/my-secret");
  }

  private static HttpResponse<String> health(FakeVaultServer vault) {
    return root(vault).as(null).get("sys/health?standbyok=true&perfstandbyok=true");
  }

  private static List<String> fixtureNames() {
    try {
      Path directory =
          Path.of(VaultFixture.class.getResource("/se/krebit/testkit/vault/fixtures/").toURI());
      try (Stream<Path> files = Files.list(directory)) {
        return files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".http"))
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
