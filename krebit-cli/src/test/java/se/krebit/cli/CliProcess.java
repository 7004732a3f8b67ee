package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code krebit} as a user runs it, {@code java -jar target/krebit.jar …}, each run a process of
 * its own with its real logging (slf4j-simple), the given home directory and only the {@code
 * KREBIT_*} variables set here. Output goes to files in the home directory, so a test can read it
 * while the process runs.
 */
final class CliProcess {
  static final Path JAR = Path.of("target", "krebit.jar");
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path home;
  private final Path jar;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<Process> started = new ArrayList<>();

  CliProcess(Path home) {
    this(home, JAR);
  }

  /** Runs {@code jar} instead of {@link #JAR}: a copy somewhere else, say. */
  CliProcess(Path home, Path jar) {
    this.home = home;
    this.jar = jar;
  }

  /** Sets an environment variable of every later run. */
  CliProcess env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Runs {@code krebit args} and waits for it to exit. */
  Result run(String... args) {
    return start(args).finish();
  }

  /** Starts {@code krebit args}. */
  Running start(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                javaCommand(),
                "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + home,
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    int run = RUNS.incrementAndGet();
    Path out = home.resolve("run-" + run + ".out");
    Path err = home.resolve("run-" + run + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KREBIT_"));
    builder.environment().putAll(variables);
    try {
      Process process = builder.start();
      started.add(process);
      return new Running(process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills every run still alive, so that a failed test leaves no process behind holding a port or a
   * file.
   */
  void stopAll() {
    started.forEach(Process::destroyForcibly);
  }

  /** The {@code java} of the JVM running the tests. */
  static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** One run's exit code and output. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** A run in progress. */
  record Running(Process process, Path stdoutFile, Path stderrFile) {
    /** What it printed to standard output so far. */
    String stdout() {
      return read(stdoutFile);
    }

    /** What it printed to standard error so far. */
    String stderr() {
      return read(stderrFile);
    }

    /** Waits for it to exit, up to {@link #TIMEOUT}. */
    Result finish() {
      try {
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .as("krebit exited in time")
            .isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Result(process.exitValue(), stdout(), stderr());
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
