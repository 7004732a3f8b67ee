package se.krebit.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on 127.0.0.1 alone, as {@code krebit login} and {@code krebit webhooks listen} run it. */
final class LoopbackServer {
  private LoopbackServer() {}

  /**
   * A server bound to {@code port} of 127.0.0.1 (0 picks a free port), not yet started: nothing off
   * this machine can reach it.
   *
   * @param purpose what it listens for, for the error message, such as {@code "the sign-in redirect"}
   * @throws CliException if the port is taken (a configuration error) or it can't be bound
   */
  static HttpServer bind(int port, String purpose) {
    try {
      return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new CliException(ExitCode.CONFIGURATION,
          "Can't listen for " + purpose + " on 127.0.0.1:" + port + ": the port is taken; choose another --port.");
    } catch (IOException e) {
      throw new CliException(ExitCode.OTHER,
          "Can't listen for " + purpose + " on 127.0.0.1:" + port + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
