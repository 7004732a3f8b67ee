package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An application node in a {@link NodeJvm} of its own, driven with one command per line on its
 * standard input and answering with lines that start with {@code node}.
 */
final class NodeProcess {
  private static final long REPLY_SECONDS = 90;

  private final NodeJvm jvm;
  private final BlockingQueue<String> replies;

  private NodeProcess(NodeJvm jvm, BlockingQueue<String> replies) {
    this.jvm = jvm;
    this.replies = replies;
  }

  /**
   * Starts {@code main} with {@code arguments}; {@code environment} adds to the PostgreSQL
   * settings.
   */
  static NodeProcess start(
      String name, Class<?> main, Map<String, String> environment, String... arguments)
      throws IOException {
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    NodeJvm jvm =
        NodeJvm.start(
            name,
            PostgresServer.get(),
            main,
            List.of(arguments),
            environment,
            line -> {
              if (line.startsWith("node ")) {
                replies.add(line);
              }
            });
    return new NodeProcess(jvm, replies);
  }

  void send(String command) {
    jvm.send(command);
  }

  /** The rest of the node's next reply, which must start with {@code prefix}. */
  String await(String prefix) throws InterruptedException {
    String reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
    assertThat(reply)
        .as("reply of node %d to a command", jvm.process().pid())
        .isNotNull()
        .startsWith(prefix);
    return reply.substring(prefix.length()).trim();
  }

  /** Asks the node to quit, and ends it if it has not within 20 s. */
  void stop() throws InterruptedException {
    send("quit");
    jvm.awaitExit();
  }

  /** Stops every node of {@code nodes}. */
  static void stopAll(List<NodeProcess> nodes) throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.stop();
    }
  }
}
