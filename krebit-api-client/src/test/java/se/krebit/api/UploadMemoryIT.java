package se.krebit.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.testkit.SamplePdf;

/**
 * An upload streams the file instead of holding it: a PDF just under the 10 MiB limit is uploaded
 * by a JVM whose heap (14 MiB, serial GC) can't hold it besides the client; the same JVM reading
 * the file into an array first runs out of memory, which shows the heap really is too small. The
 * server, on the JDK's {@code HttpServer}, reads and counts the body without keeping it.
 */
class UploadMemoryIT {
  /** Enough for the client (about 10 MiB measured), not for the client and a 10 MiB file. */
  private static final String HEAP = "-Xmx14m";

  @TempDir Path dir;

  private HttpServer server;
  private final AtomicLong received = new AtomicLong();

  @BeforeEach
  void startACountingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/1.0/signings/s-1/documents",
        exchange -> {
          long count = 0;
          try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
              count += n;
            }
          }
          received.set(count);
          byte[] answer = "{\"id\":\"d-1\"}".getBytes(UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("request_id", "req-upload");
          exchange.sendResponseHeaders(201, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aFileLargerThanTheHeapIsStreamedWhileReadingItIntoMemoryRunsOut() throws Exception {
    Path pdf =
        Files.write(
            dir.resolve("large.pdf"), SamplePdf.ofSize((int) DocumentUploads.MAX_BYTES - 1));

    Run streamed = upload(pdf, "stream");
    long streamedBytes = received.getAndSet(0);
    Run inMemory = upload(pdf, "in-memory");

    assertThat(streamed.exitCode()).as(streamed.output()).isZero();
    assertThat(streamed.output()).contains("uploaded d-1");
    assertThat(streamedBytes)
        .as("the whole file and the multipart framing")
        .isGreaterThan(DocumentUploads.MAX_BYTES - 1);
    assertThat(inMemory.exitCode()).as("the control, holding the file").isNotZero();
    assertThat(inMemory.output()).contains("OutOfMemoryError");
  }

  private record Run(int exitCode, String output) {}

  private Run upload(Path pdf, String mode) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                UploadUnderTightHeap.class.getName(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/1.0",
                pdf.toString(),
                mode));
    Path output = dir.resolve(mode + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the %s upload finished", mode).isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }
}
