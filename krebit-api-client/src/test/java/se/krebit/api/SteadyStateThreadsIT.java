package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * {@code me()} on the default (JDK) transport starts no thread per call once warm: not for the
 * JDK's completion of {@code sendAsync}, not for a response's deadline. Counted over the whole JVM,
 * the fake server's threads included, over real loopback calls.
 */
class SteadyStateThreadsIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final int WARM_UP = 500;
  private static final int CALLS = 2_000;

  /**
   * Room for a pool thread that anything in the JVM (the server's, the JDK's) replaces meanwhile.
   */
  private static final int AT_MOST = 5;

  @Test
  void sequentialCallsStartNoThreadOnceWarm(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    for (int i = 0; i < WARM_UP; i++) {
      krebit.me();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<Long> before =
        Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    long started = threads.getTotalStartedThreadCount();

    for (int i = 0; i < CALLS; i++) {
      krebit.me();
    }

    long startedDuring = threads.getTotalStartedThreadCount() - started;
    Map<Long, String> newAlive =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread.getId()))
            .collect(Collectors.toMap(Thread::getId, Thread::getName));
    assertThat(startedDuring)
        .as("threads started in %d calls (new ones still alive: %s)", CALLS, newAlive.values())
        .isLessThanOrEqualTo(AT_MOST);
    assertThat(server.journal().apiRequests()).hasSize(WARM_UP + CALLS);
  }
}
