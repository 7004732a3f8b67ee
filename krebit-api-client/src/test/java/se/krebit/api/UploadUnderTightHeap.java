package se.krebit.api;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process of its own for {@link UploadMemoryIT}: uploads one file to a server, in a heap too
 * small to hold the file. {@code stream} uploads it from disk; {@code in-memory} reads it into an
 * array first, the control that must run out of memory for the test to mean anything.
 */
final class UploadUnderTightHeap {
  private UploadUnderTightHeap() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Path file = Path.of(args[1]);
    Signings signings =
        KrebitClient.builder()
            .baseUri(base)
            .tokenSource(new FixedTokenSource("fixed-token"))
            .build()
            .signings();
    Document document =
        args[2].equals("stream")
            ? signings.upload("s-1", file)
            : signings.upload("s-1", "document.pdf", Files.readAllBytes(file));
    System.out.println("uploaded " + document.id());
  }
}
