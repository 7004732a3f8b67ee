package se.krebit.testkit.hostile;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that answers every request with the same bytes, written to the socket
 * exactly as given: malformed status lines, broken framing and all, which no well-behaved server
 * can send. It reads each request's head and {@code Content-Length} body first, so the client sees
 * its request taken.
 *
 * <p>{@link #closingAfterEachAnswer()} closes each connection once it has answered, as a hostile
 * server would; a client that never closes its end keeps a descriptor in {@code CLOSE_WAIT}. {@link
 * #awaitingTheClientsClose()} answers every request on a connection until the client closes it, so
 * {@link #openConnections()} counts the connections a client has left open. Thread-safe; close it.
 */
public final class RawResponseServer implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** How long a connection the client keeps open is held, at most, in the awaiting mode. */
  private static final int HOLD_MILLIS = 60_000;

  private final ServerSocket socket;
  private final boolean closeAfterAnswer;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile byte[] answer = new byte[0];

  private RawResponseServer(boolean closeAfterAnswer) {
    this.closeAfterAnswer = closeAfterAnswer;
    try {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "raw-response-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A server that writes its answer, then closes the connection. */
  public static RawResponseServer closingAfterEachAnswer() {
    return new RawResponseServer(true);
  }

  /** A server that answers each request on a connection until the client closes it. */
  public static RawResponseServer awaitingTheClientsClose() {
    return new RawResponseServer(false);
  }

  /** Answers every request from now on with {@code bytes}, exactly. */
  public RawResponseServer answer(byte[] bytes) {
    this.answer = requireNonNull(bytes, "bytes").clone();
    return this;
  }

  /** {@code http://127.0.0.1:{port}}, without a trailing slash. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** How many requests were taken (each is answered). */
  public int requests() {
    return requests.get();
  }

  /**
   * Connections accepted and not yet closed by the client (or, after answering, by this server).
   */
  public int openConnections() {
    return open.size();
  }

  /**
   * Waits until no connection is open, polling, for at most {@code timeout}.
   *
   * @return whether none is open
   */
  public boolean awaitNoOpenConnections(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        Thread handler = new Thread(() -> serve(connection), "raw-response-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(HOLD_MILLIS);
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      do {
        if (!readRequest(in)) {
          return; // the client closed the connection
        }
        requests
            .incrementAndGet(); // before answering: a client may look as soon as it has the answer
        out.write(answer);
        out.flush();
      } while (!closeAfterAnswer);
    } catch (SocketTimeoutException e) {
      // held as long as a test may wait: the client never closed it
    } catch (IOException e) {
      // the client went away mid-request: nothing to answer
    } finally {
      open.remove(connection);
    }
  }

  /** Reads one request's head and Content-Length body; false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      if (head.size() >= MAX_HEAD_BYTES) {
        throw new IOException("request head too large");
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
      }
    }
    return true;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket connection : open) {
      try {
        connection.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
