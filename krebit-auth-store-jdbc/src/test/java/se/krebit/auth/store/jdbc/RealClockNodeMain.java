package se.krebit.auth.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.KrebitException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenListener;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.tink.TinkTokenCipher;

/**
 * One node of {@link RealClockClusterIT}, in a JVM of its own, built as an application would build
 * it: the system clock, the default scheduler and token request pool, the JDBC stores on the shared
 * PostgreSQL database, the Feign endpoint to the fake Krebit server, whose answers take another 0
 * to 100 ms here. Driven over standard input, answering on standard output with lines starting with
 * {@code node}:
 *
 * <pre>
 *   begin SUBJECT     ->  node redirect URI
 *   complete URI      ->  node signed-in SUBJECT
 *   poll SECONDS      ->  node polled CALLS PAST_USABLE_LIFE EXPIRED TYPED_ERRORS WAITS LONGEST_WAIT_MS
 *   quit
 * </pre>
 *
 * <p>{@code poll} asks for every subject's token once (filling the caches), then keeps asking from
 * four threads in random order for the given time, judging each answer by the real clock: a call
 * that began at or after the end of the served token's usable life (expiry less the skew) counts,
 * one that began after its expiry counts again. Waits are callers that found no usable token, after
 * the first round. A command that fails is answered {@code node failed MESSAGE}. Arguments: schema,
 * number of subjects, the fake's base URI, the token lifetime in milliseconds. Environment: as
 * {@link ClusterNodeMain}.
 */
public final class RealClockNodeMain {
  private static final int CALLERS = 4;

  private RealClockNodeMain() {}

  public static void main(String[] args) throws Exception {
    String schema = args[0];
    int subjects = Integer.parseInt(args[1]);
    Tenant tenant = Tenant.at(URI.create(args[2]));
    long lifetime = Long.parseLong(args[3]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (HikariDataSource database =
        ClusterNode.databaseFromEnvironment(schema, "real-clock-node", 6)) {
      TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(System.getenv("KREBIT_NODE_KEYSET"));
      TokenEndpoint feign = FeignTokenEndpoint.builder().tenant(tenant).build();
      TokenEndpoint slow =
          (client, grant) -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000_001));
            return feign.exchange(client, grant);
          };
      Waits waits = new Waits();
      AuthorizationCodeFlow flow =
          AuthorizationCodeFlow.builder()
              .tenant(tenant)
              .client(ClusterNode.CLIENT)
              .endpoint(slow)
              .redirectUri(ClusterNode.REDIRECT)
              .tokenStore(JdbcTokenStore.builder(database).cipher(cipher).build())
              .stateRepository(JdbcStateRepository.builder(database).cipher(cipher).build())
              .listener(waits)
              .build();
      NodeCommands.serve(
          out,
          line -> {
            String[] command = line.split(" ", 2);
            return switch (command[0]) {
              case "begin" -> "node redirect " + flow.begin(ClusterNode.REDIRECT, command[1]).uri();
              case "complete" ->
                  "node signed-in " + flow.complete(URI.create(command[1])).subject();
              case "poll" ->
                  poll(
                      flow,
                      subjects,
                      lifetime,
                      Duration.ofSeconds(Long.parseLong(command[1])),
                      waits);
              default -> throw new IllegalArgumentException("unknown command: " + line);
            };
          });
    }
    System.exit(0);
  }

  private static String poll(
      AuthorizationCodeFlow flow, int subjects, long lifetime, Duration duration, Waits waits)
      throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      names.add(ClusterNode.subject(i));
    }
    for (String subject : names) {
      try {
        flow.forSubject(subject).token(); // fill the cache: the first call waits for the store
      } catch (KrebitException e) {
        e.printStackTrace();
      }
    }
    waits.reset();
    AtomicLong calls = new AtomicLong();
    AtomicLong pastUsableLife = new AtomicLong();
    AtomicLong expired = new AtomicLong();
    AtomicLong typed = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      Thread caller =
          new Thread(
              () -> {
                List<String> order = new ArrayList<>(names);
                while (System.nanoTime() < end) {
                  Collections.shuffle(order);
                  for (String subject : order) {
                    long began = System.currentTimeMillis();
                    try {
                      AccessToken token = flow.forSubject(subject).token();
                      calls.incrementAndGet();
                      long expiresAt = token.expiresAt().toEpochMilli();
                      if (began
                          >= expiresAt
                              - Math.min(
                                  RefreshPolicy.DEFAULT_EXPIRY_SKEW.toMillis(), lifetime / 10)) {
                        pastUsableLife.incrementAndGet();
                        System.err.println(
                            subject
                                + ": a call that began "
                                + (began - expiresAt)
                                + " ms from expiry was served");
                      }
                      if (began >= expiresAt) {
                        expired.incrementAndGet();
                      }
                    } catch (KrebitException e) {
                      typed.incrementAndGet();
                      System.err.println(subject + ": " + e);
                    }
                  }
                  LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
                }
              },
              "caller-" + c);
      caller.start();
      callers.add(caller);
    }
    for (Thread caller : callers) {
      caller.join();
    }
    return "node polled "
        + calls.get()
        + " "
        + pastUsableLife.get()
        + " "
        + expired.get()
        + " "
        + typed.get()
        + " "
        + waits.count.get()
        + " "
        + waits.longest.get() / 1_000_000;
  }

  /** Counts callers that found no usable token, and the longest wait. */
  private static final class Waits implements TokenListener {
    final AtomicLong count = new AtomicLong();
    final AtomicLong longest = new AtomicLong();

    void reset() {
      count.set(0);
      longest.set(0);
    }

    @Override
    public void callerWaited(String grantType, Duration waited) {
      count.incrementAndGet();
      longest.accumulateAndGet(waited.toNanos(), Math::max);
    }
  }
}
