package se.krebit.auth.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command loop of a node process, the side of {@link NodeProcess} that runs in the node: says
 * {@code node ready}, then answers each line read from standard input until {@code quit} or its
 * end; a command that fails is answered {@code node failed MESSAGE}.
 */
final class NodeCommands {
  /** The answer to one command line. */
  interface Answer {
    String to(String line) throws InterruptedException;
  }

  private NodeCommands() {}

  static void serve(PrintStream out, Answer answer) throws IOException, InterruptedException {
    out.println("node ready");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      try {
        out.println(answer.to(line));
      } catch (RuntimeException e) {
        e.printStackTrace();
        out.println("node failed " + String.valueOf(e).replace('\n', ' '));
      }
    }
  }
}
