package se.krebit.auth.feign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback HTTP server that answers every request with the same head and the start of a body,
 * then stalls with the connection open until closed: the one fault WireMock cannot stage, since its
 * dribbled bodies hold back the headers too.
 */
final class StallingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] answer;
  private final CountDownLatch closed = new CountDownLatch(1);

  StallingServer(String head, String bodyStart) throws IOException {
    this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.answer = (head + "\r\n\r\n" + bodyStart).getBytes(StandardCharsets.UTF_8);
    Thread acceptor = new Thread(this::serve, "stalling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread handler = new Thread(() -> answerAndStall(connection), "stalling-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answerAndStall(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      readRequest(in);
      OutputStream out = connection.getOutputStream();
      out.write(answer);
      out.flush();
      closed.await();
    } catch (IOException e) {
      // the client gave up: that is the point
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the request head and its Content-Length body, so the client sees its request taken. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
  }
}
