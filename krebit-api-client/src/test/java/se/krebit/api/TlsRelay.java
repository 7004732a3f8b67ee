package se.krebit.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import se.krebit.testkit.TestCertificate;

/**
 * A TLS front for a plain-HTTP server on loopback that speaks only the protocols it is given: the
 * fake Krebit server behind a TLS 1.2-only (or 1.3-only) endpoint. It records the protocol of every
 * handshake it completes and counts the ones that fail.
 */
final class TlsRelay implements AutoCloseable {
  private final SSLServerSocket server;
  private final int backendPort;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "tls-relay");
            thread.setDaemon(true);
            return thread;
          });
  private final List<String> negotiated = new CopyOnWriteArrayList<>();
  private final List<String> failedHandshakes = new CopyOnWriteArrayList<>();

  TlsRelay(TestCertificate certificate, int backendPort, String... protocols)
      throws IOException, GeneralSecurityException {
    this.backendPort = backendPort;
    this.server =
        (SSLServerSocket)
            serverContext(certificate)
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setEnabledProtocols(protocols);
    threads.execute(this::accept);
  }

  /** {@code https://127.0.0.1:{port}/}. */
  URI baseUri() {
    return URI.create("https://127.0.0.1:" + server.getLocalPort() + "/");
  }

  /** The protocol of each handshake completed, in order. */
  List<String> negotiatedProtocols() {
    return List.copyOf(negotiated);
  }

  /** Why each failed handshake failed. */
  List<String> failedHandshakes() {
    return List.copyOf(failedHandshakes);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        threads.execute(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(SSLSocket client) {
    try (client) {
      try {
        client.startHandshake();
      } catch (IOException e) {
        failedHandshakes.add(String.valueOf(e.getMessage()));
        return;
      }
      negotiated.add(client.getSession().getProtocol());
      try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
        threads.execute(() -> pipe(backend, client));
        pipe(client, backend);
      }
    } catch (IOException e) {
      // a side closed: the exchange is over
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // a side closed
    } finally {
      try {
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static SSLContext serverContext(TestCertificate certificate)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(certificate.keystore())) {
      keys.load(in, certificate.password().toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, certificate.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
