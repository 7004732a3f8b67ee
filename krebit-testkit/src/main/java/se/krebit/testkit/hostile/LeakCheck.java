package se.krebit.testkit.hostile;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Serves every {@linkplain HostileResponses hostile response} to a client many times over a real
 * socket and reports what the client left behind: for a test that proves a client leaks no
 * connection, whatever it is sent.
 */
public final class LeakCheck {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private LeakCheck() {}

  /**
   * For each response, builds a call with {@code client} (given the server's URI), makes it once to
   * bring pools and threads to their working size, then {@code rounds} times, the server closing
   * its end after each answer; reports each response after which the process holds more than {@code
   * slack} descriptors more than before, or whose calls did not all reach the server.
   *
   * @return one line per leaking response; empty when none leaked
   */
  public static List<String> descriptorLeaks(int rounds, long slack, Function<URI, Runnable> client)
      throws InterruptedException {
    List<String> leaks = new ArrayList<>();
    for (String name : HostileResponses.NAMES) {
      try (RawResponseServer server =
          RawResponseServer.closingAfterEachAnswer().answer(HostileResponses.bytes(name))) {
        Runnable call = client.apply(server.uri());
        call.run();
        long before = OpenDescriptors.count();
        for (int i = 0; i < rounds; i++) {
          call.run();
        }
        if (server.requests() < rounds) {
          leaks.add(
              name + ": only " + server.requests() + " of " + rounds + " calls reached the server");
        }
        long after = OpenDescriptors.settlingAtMost(before + slack, SETTLE);
        if (after > before + slack) {
          leaks.add(
              name
                  + ": "
                  + before
                  + " descriptors before, "
                  + after
                  + " after "
                  + rounds
                  + " responses");
        }
      }
    }
    return leaks;
  }

  /**
   * For each response, makes {@code rounds} calls built with {@code client} to a server that holds
   * every connection until the client closes it (as a stalled proxy would); reports each response
   * after which the client left connections open.
   *
   * @return one line per leaking response; empty when none leaked
   */
  public static List<String> connectionsLeftOpen(int rounds, Function<URI, Runnable> client)
      throws InterruptedException {
    List<String> leaks = new ArrayList<>();
    for (String name : HostileResponses.NAMES) {
      try (RawResponseServer server =
          RawResponseServer.awaitingTheClientsClose().answer(HostileResponses.bytes(name))) {
        Runnable call = client.apply(server.uri());
        for (int i = 0; i < rounds; i++) {
          call.run();
        }
        if (!server.awaitNoOpenConnections(SETTLE)) {
          leaks.add(
              name + ": " + server.openConnections() + " connections left open by the client");
        }
      }
    }
    return leaks;
  }
}
