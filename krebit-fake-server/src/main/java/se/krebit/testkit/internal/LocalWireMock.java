package se.krebit.testkit.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;

/**
 * What the test kit's fakes do alike with the WireMock server under them: listen on the loopback
 * interface only, log through a {@link QuietWireMockNotifier}, serve HTTPS from a PKCS#12 keystore,
 * and start, stop and check that they run with errors that name the fake. Stateless.
 */
public final class LocalWireMock {
  /** The only address the fakes listen on. */
  public static final String HOST = "127.0.0.1";

  /** The priority of a fake's catch-all stub, below any stub a test adds. */
  public static final int CATCH_ALL_PRIORITY = 1_000;

  private LocalWireMock() {}

  /**
   * Options that bind to {@link #HOST}, accept on one thread and report WireMock's errors, by kind
   * only, to {@code loggerName}.
   */
  public static WireMockConfiguration options(String loggerName) {
    // One acceptor: a fake takes few connections, and Jetty 12 warns at start, on stdout where the
    // standalone fake's banner is read, when a machine has fewer cores than WireMock's default
    // acceptors.
    return WireMockConfiguration.options()
        .bindAddress(HOST)
        .jettyAcceptors(1)
        .notifier(new QuietWireMockNotifier(loggerName));
  }

  /**
   * {@code config} serving HTTPS with the key and certificate in a PKCS#12 keystore; the ports are
   * the caller's.
   */
  public static WireMockConfiguration keystore(
      WireMockConfiguration config, Path pkcs12Keystore, String password) {
    return config
        .keystorePath(pkcs12Keystore.toString())
        .keystoreType("PKCS12")
        .keystorePassword(password)
        .keyManagerPassword(password);
  }

  /**
   * A port a builder was given: 0 (a free one) to 65535.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static int checkPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    return port;
  }

  /**
   * Starts {@code wireMock}.
   *
   * @param fake how errors name the fake, such as {@code "the fake Vault"}
   * @throws IllegalStateException if it is running already
   */
  public static void start(WireMockServer wireMock, String fake) {
    if (wireMock.isRunning()) {
      throw new IllegalStateException(fake + " is running already");
    }
    wireMock.start();
  }

  /** Stops {@code wireMock} if it is running. */
  public static void stop(WireMockServer wireMock) {
    if (wireMock.isRunning()) {
      wireMock.stop();
    }
  }

  /**
   * Fails unless {@code wireMock} is running.
   *
   * @param fake how the error names the fake, such as {@code "the fake Vault"}
   * @throws IllegalStateException if it is not running
   */
  public static void requireRunning(WireMockServer wireMock, String fake) {
    if (!wireMock.isRunning()) {
      throw new IllegalStateException(fake + " is not running");
    }
  }
}
