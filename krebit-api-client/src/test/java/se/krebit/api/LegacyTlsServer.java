package se.krebit.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server that offers only TLS 1.0 and 1.1, run in a JVM of its own: current JDKs disable both
 * in {@code jdk.tls.disabledAlgorithms}, so this process re-enables them before any TLS class
 * loads, leaving the test JVM as it was. It proves it really speaks TLS 1.0/1.1 by shaking hands
 * with itself first, then reports on standard output:
 *
 * <pre>
 * SELF_CHECK TLSv1.1      a legacy client completed a handshake
 * PORT 41234              where it listens
 * ACCEPTED                for each connection of the client under test
 * HANDSHAKE_FAILED …      for each of those handshakes that failed
 * </pre>
 *
 * <p>Arguments: the PKCS#12 keystore and its password. It stops when its standard input closes.
 */
public final class LegacyTlsServer {
  static final String[] LEGACY = {"TLSv1", "TLSv1.1"};

  private LegacyTlsServer() {}

  public static void main(String[] args) throws Exception {
    // Only this JVM: everything but TLS 1.0 and 1.1 stays disabled.
    Security.setProperty(
        "jdk.tls.disabledAlgorithms",
        "SSLv3, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      keys.load(in, args[1].toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, args[1].toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);

    SSLServerSocket server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setEnabledProtocols(LEGACY);
    selfCheck(context, server);
    System.out.println("PORT " + server.getLocalPort());
    System.out.flush();

    Thread acceptor = new Thread(() -> serve(server), "legacy-tls-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    System.in.transferTo(
        java.io.OutputStream.nullOutputStream()); // until the test closes our standard input
    server.close();
  }

  /**
   * A client that allows only TLS 1.0 and 1.1 completes a handshake: the server truly offers them.
   */
  private static void selfCheck(SSLContext context, SSLServerSocket server) throws Exception {
    Thread accept =
        new Thread(
            () -> {
              try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
              } catch (IOException e) {
                System.out.println("SELF_CHECK_FAILED " + e.getMessage());
              }
            });
    accept.start();
    try (SSLSocket client =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      client.setEnabledProtocols(LEGACY);
      client.startHandshake();
      System.out.println("SELF_CHECK " + client.getSession().getProtocol());
    }
    accept.join();
  }

  private static void serve(SSLServerSocket server) {
    while (!server.isClosed()) {
      try {
        SSLSocket socket = (SSLSocket) server.accept();
        System.out.println("ACCEPTED");
        System.out.flush();
        try (socket) {
          socket.startHandshake();
          System.out.println("HANDSHAKE_COMPLETED " + socket.getSession().getProtocol());
        } catch (IOException e) {
          System.out.println("HANDSHAKE_FAILED " + e.getMessage());
        }
        System.out.flush();
      } catch (IOException e) {
        return; // closed
      }
    }
  }
}
