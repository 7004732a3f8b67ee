package se.krebit.auth.store.vault.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.AuthorizationRedirect;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.Tenant;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.vault.VaultConnection;
import se.krebit.auth.store.vault.VaultTokenStore;
import se.krebit.auth.store.vault.VaultTransitCipher;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.TestCertificate;
import se.krebit.testkit.vault.FakeVaultServer;

/**
 * The README's Vault quickstart, verbatim between the {@code README} markers, against the fake
 * Vault over TLS (with a certificate made for the test) and the fake Krebit server: two nodes, each
 * with its own connection, share one user's tokens through Vault.
 */
class ReadmeVaultQuickstartIT {
  private static final String CALLBACK = "http://127.0.0.1:9999/oauth/callback";

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .redirectUri("demo-client", CALLBACK)
          .autoApprove("alice")
          .build();

  @TempDir static Path dir;
  private static FakeVaultServer fakeVault;
  private static Path caBundle;

  @BeforeAll
  static void startVault() throws Exception {
    TestCertificate certificate = TestCertificate.create(dir, "dns:localhost", "ip:127.0.0.1");
    caBundle = certificate.pem();
    fakeVault =
        FakeVaultServer.builder()
            .https(certificate.keystore(), certificate.password())
            .appRole("role-id", "secret-id")
            .transitKey("krebit-tokens")
            .build()
            .start();
  }

  @AfterAll
  static void stopVault() {
    fakeVault.close();
  }

  private static TokenStore node(URI vaultAddress, String roleId, String secretId, Path caBundle) {
    // README:begin vault-store
    VaultConnection vault = VaultConnection.builder(vaultAddress)
        .appRole(roleId, secretId)
        .caCertificatesPem(caBundle)
        .build();

    TokenStore tokens = VaultTokenStore.builder(vault)                             // secret/data/krebit/tokens/...
        .cipher(VaultTransitCipher.builder(vault).key("krebit-tokens").build())   // optional: sealed by Transit as well
        .build();
    // README:end vault-store
    return tokens;
  }

  @Test
  void twoNodesShareAUsersTokensThroughVault(FakeKrebitServer server) throws Exception {
    Tenant yourco = server.tenant();
    TokenStore nodeA = node(fakeVault.httpsAddress(), "role-id", "secret-id", caBundle);
    TokenStore nodeB = node(fakeVault.httpsAddress(), "role-id", "secret-id", caBundle);
    AuthorizationCodeFlow flowA = flow(yourco, nodeA);
    AuthorizationCodeFlow flowB = flow(yourco, nodeB);

    AuthorizationRedirect redirect =
        flowA.begin(URI.create(CALLBACK), "user-42", Set.of(), Optional.empty());
    HttpResponse<Void> consent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(redirect.uri()).build(),
                HttpResponse.BodyHandlers.discarding());
    flowA.complete(URI.create(consent.headers().firstValue("Location").orElseThrow()));

    assertThat(flowB.forSubject("user-42").token().authorizationHeader()).startsWith("Bearer ");
    assertThat(fakeVault.kvPaths("secret"))
        .anyMatch(p -> p.startsWith("krebit/tokens/") && p.endsWith("/user-42"));
    assertThat(fakeVault.journal().logins()).isEqualTo(2);
  }

  private static AuthorizationCodeFlow flow(Tenant yourco, TokenStore tokens) {
    return AuthorizationCodeFlow.builder()
        .tenant(yourco)
        .client(ClientCredentials.of("demo-client", "demo-secret"))
        .endpoint(FeignTokenEndpoint.builder().tenant(yourco).build())
        .redirectUri(URI.create(CALLBACK))
        .tokenStore(tokens)
        .build();
  }
}
