package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding the token store, as another program on the machine might: either the
 * krebit processes' lock file ({@link Mode#LOCK}) or the H2 database file itself, open ({@link
 * Mode#DATABASE}), as an older krebit or an H2 console would. In a JVM of its own, since
 * operating-system locks belong to processes. Held from {@link #hold} until {@link #release()}.
 */
final class StoreHolder implements AutoCloseable {
  enum Mode {
    LOCK,
    DATABASE
  }

  private final Process process;
  private final Writer stdin;

  private StoreHolder(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Starts a process that holds the store in {@code directory}, and waits until it does. */
  static StoreHolder hold(Path directory, Mode mode) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    CliProcess.javaCommand(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    StoreHolder.class.getName(),
                    mode.name(),
                    directory.toAbsolutePath().toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .get(60, TimeUnit.SECONDS);
    assertThat(line).as("the holder's first line").isEqualTo("holding");
    return new StoreHolder(process);
  }

  /** Lets go of the store, and waits for the holder to exit. */
  void release() {
    try {
      if (process.isAlive()) {
        stdin.write("release\n");
        stdin.flush();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the holder exited").isTrue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    release();
  }

  /**
   * The holder process: {@code StoreHolder LOCK|DATABASE DIRECTORY}; holds until a line comes on
   * standard input.
   */
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    if (Mode.valueOf(args[0]) == Mode.LOCK) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(StoreLock.FILE_NAME),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        holdUntilReleased(lock.isValid());
      }
    } else {
      try (Connection connection =
          DriverManager.getConnection(
              "jdbc:h2:file:" + directory.resolve(LocalStore.DATABASE_NAME))) {
        holdUntilReleased(connection.isValid(5));
      }
    }
  }

  private static void holdUntilReleased(boolean holding) throws IOException {
    System.out.println(holding ? "holding" : "not holding");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }
}
