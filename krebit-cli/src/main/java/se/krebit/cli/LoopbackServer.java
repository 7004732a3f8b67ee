package se.krebit.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on 127.0.0.1 alone, as {@code krebit login} and {@code krebit webhooks
 * listen} run it: made {@link #unbound}, given its handlers, then {@link #listen bound}, so that no
 * request can come before the handlers are in place; requests run on a small pool, so one stalled
 * connection can't hold the others up.
 */
final class LoopbackServer {
  private LoopbackServer() {}

  /** A server that listens nowhere yet, its requests run by {@code executor}. */
  static HttpServer unbound(ExecutorService executor) {
    try {
      HttpServer server = HttpServer.create();
      server.setExecutor(executor);
      return server;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new CliException(
          ExitCode.OTHER, "Can't make an HTTP server (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * Binds {@code server} to {@code port} of 127.0.0.1 (0 picks a free port), so nothing off this
   * machine can reach it, and starts it.
   *
   * @param purpose what it listens for, for the error message, such as {@code "the sign-in
   *     redirect"}
   * @throws CliException if the port is taken (a configuration error) or it can't be bound; the
   *     server's executor is then shut down
   */
  static void listen(HttpServer server, ExecutorService executor, int port, String purpose) {
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.start();
    } catch (BindException e) {
      executor.shutdownNow();
      throw new CliException(
          ExitCode.CONFIGURATION,
          "Can't listen for "
              + purpose
              + " on 127.0.0.1:"
              + port
              + ": the port is taken; choose another --port.");
    } catch (IOException e) {
      executor.shutdownNow();
      throw new CliException(
          ExitCode.OTHER,
          "Can't listen for "
              + purpose
              + " on 127.0.0.1:"
              + port
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  /** A small pool of daemon threads named {@code name}, to serve requests. */
  static ExecutorService threads(String name, int count) {
    return Executors.newFixedThreadPool(
        count,
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
