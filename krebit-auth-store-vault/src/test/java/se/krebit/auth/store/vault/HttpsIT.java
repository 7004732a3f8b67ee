package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.auth.store.vault.TestVaults.record;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.testkit.TestCertificate;
import se.krebit.testkit.vault.FakeVaultServer;

/** The store over real TLS to a fake Vault with a certificate made for this test. */
class HttpsIT {
  @TempDir static Path dir;
  private static TestCertificate certificate;
  private static FakeVaultServer vault;

  private final TokenKey alice = new TokenKey("acme", "app", "alice");

  @BeforeAll
  static void startHttpsVault() throws Exception {
    certificate = TestCertificate.create(dir, "dns:localhost", "ip:127.0.0.1");
    vault =
        FakeVaultServer.builder()
            .https(certificate.keystore(), certificate.password())
            .build()
            .start();
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @Test
  void worksOverTlsWithTheCaBundleGivenAsAFileOrAsText() throws Exception {
    VaultConnection fromFile =
        VaultConnection.builder(vault.httpsAddress())
            .token(vault.rootToken())
            .caCertificatesPem(certificate.pem())
            .build();
    VaultConnection fromText =
        VaultConnection.builder(vault.httpsAddress())
            .token(vault.rootToken())
            .caCertificatesPem(Files.readString(certificate.pem()))
            .build();

    VaultTokenStore.builder(fromFile).build().compareAndSet(alice, 0, record("a1"));

    assertThat(VaultTokenStore.builder(fromText).build().load(alice).orElseThrow().record())
        .isEqualTo(record("a1"));
  }

  @Test
  void anUntrustedCertificateIsAPermanentTlsError() {
    VaultConnection untrusting =
        VaultConnection.builder(vault.httpsAddress()).token(vault.rootToken()).build();

    assertThatThrownBy(() -> VaultTokenStore.builder(untrusting).build().load(alice))
        .isInstanceOfSatisfying(
            TokenStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("TLS with Vault")
        .hasMessageContaining("CA certificates");
  }

  @Test
  void plainHttpToAnAddressThatIsNotLoopbackIsRefusedBeforeAnyConnection() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI notLoopback = URI.create("http://0.0.0.0:" + listener.getLocalPort());
      // Control: on Linux 0.0.0.0 reaches the loopback listener, so a client that tried would
      // connect.
      try (Socket control = new Socket(notLoopback.getHost(), notLoopback.getPort());
          Socket accepted = listener.accept()) {
        assertThat(control.isConnected() && accepted.isConnected()).isTrue();
      }
      listener.setSoTimeout(300);

      assertThatThrownBy(
              () -> VaultConnection.builder(notLoopback).token(vault.rootToken()).build())
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("must use https");

      assertThatThrownBy(listener::accept).as("nothing connected").isInstanceOf(IOException.class);
    }
  }
}
