package se.krebit.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: on a JDK with virtual threads (the newest JDK 21 or later under {@code /usr/lib/jvm},
 * or {@code JDK25_HOME}; the test fails if there is none), thousands of virtual threads calling
 * {@code token()} and {@code tokenAsync()} while a slow loopback token endpoint refreshes
 * ten-second tokens, with an outage, are never pinned in the library: JFR's {@code
 * jdk.VirtualThreadPinned} (threshold 0) shows no event with a frame in {@code se.krebit} outside
 * the probe (whose callers' first use of a class may pin in the probe's own code), while a control
 * thread that parks in a class initializer does show up. The child JVM also checks that no call got
 * a token past its usable life, and that callers shared the token requests.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VirtualThreadPinningIT {
  private static final Pattern MAJOR = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  @Test
  void thousandsOfVirtualThreadsAreNeverPinnedInTheLibraryWhileATokenIsFetched(@TempDir Path dir)
      throws Exception {
    Path jdk = newestJdkWithVirtualThreads();
    List<String> command =
        new ArrayList<>(
            List.of(
                jdk.resolve("bin/java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile="
                    + Path.of("src/test/resources/logback-test.xml").toAbsolutePath()));
    if (major(jdk) < 24) {
      command.add("-Djdk.tracePinnedThreads=full"); // gone from JDK 24 (JEP 491); JFR covers both
    }
    command.add(VirtualThreadProbe.class.getName());
    command.add(dir.resolve("pinning.jfr").toString());
    Path output = dir.resolve("probe.out");
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean exited = child.waitFor(150, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly();
    }
    String log = Files.readString(output, UTF_8);
    System.out.println("Virtual-thread probe on " + jdk + ":\n" + log);
    assertThat(exited).as("the probe finished").isTrue();
    assertThat(child.exitValue()).as("probe exit code; output:%n%s", log).isZero();

    Map<String, Long> found = numbers(log);
    assertThat(found.get("CALLS")).as("calls made").isGreaterThan(20_000L);
    assertThat(found.get("ASYNC_CALLS")).as("tokenAsync() calls").isGreaterThan(10_000L);
    assertThat(found.get("EXPIRED")).as("calls served a token past its usable life").isZero();
    assertThat(found.get("ERRORS"))
        .as("failed calls, but for typed errors during the outage")
        .isZero();
    assertThat(found.get("OUTAGE_ERRORS"))
        .as("typed errors during the outage, so failure paths ran")
        .isPositive();
    // The refresh ahead (from 8 s of 10) takes longer than the token's usable rest (1 s): callers
    // wait.
    assertThat(found.get("WAITS")).as("calls that waited for a token request").isPositive();
    // Sixteen seconds of ten-second tokens from a 1.2 s endpoint: the first, the refresh, a few
    // failed
    // retries in the outage, one after it, and any invalidations. One per caller at each expiry
    // would be thousands.
    assertThat(found.get("REQUESTS")).as("token requests").isBetween(2L, 30L);
    assertThat(found.get("PINNED_CONTROL"))
        .as("the control's pinning, so the recording sees pinning")
        .isPositive();
    assertThat(log).as("pinning with a frame in the library").doesNotContain("PINNED_FRAME_KREBIT");
  }

  private static Map<String, Long> numbers(String log) {
    Map<String, Long> found = new HashMap<>();
    Matcher line = Pattern.compile("^([A-Z_]+) (\\d+)$", Pattern.MULTILINE).matcher(log);
    while (line.find()) {
      found.put(line.group(1), Long.parseLong(line.group(2)));
    }
    for (String key :
        List.of(
            "CALLS",
            "ASYNC_CALLS",
            "EXPIRED",
            "ERRORS",
            "OUTAGE_ERRORS",
            "WAITS",
            "REQUESTS",
            "PINNED_CONTROL",
            "PINNED_OTHER")) {
      assertThat(found).as("the probe reported %s; output:%n%s", key, log).containsKey(key);
    }
    return found;
  }

  /**
   * {@code JDK25_HOME} if set, otherwise the newest JDK under /usr/lib/jvm, which must be 21 or
   * newer.
   */
  private static Path newestJdkWithVirtualThreads() throws IOException {
    String configured = System.getenv("JDK25_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Optional<Path> newest;
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      newest =
          jdks.filter(
                  jdk ->
                      Files.isRegularFile(jdk.resolve("release"))
                          && Files.isExecutable(jdk.resolve("bin/java")))
              .filter(jdk -> major(jdk) >= 21)
              .max(Comparator.comparingInt(VirtualThreadPinningIT::major));
    } catch (IOException e) {
      newest = Optional.empty();
    }
    assertThat(newest)
        .as(
            "a JDK 21 or newer under /usr/lib/jvm (or JDK25_HOME) to run virtual threads on; .ci/run needs one too")
        .isPresent();
    return newest.get().toRealPath();
  }

  private static int major(Path jdk) {
    try {
      Matcher m = MAJOR.matcher(Files.readString(jdk.resolve("release"), UTF_8));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
