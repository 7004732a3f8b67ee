package se.krebit.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenKey;

/**
 * Keeps a {@code krebit} process from exiting while a refresh token Krebit rotated exists only in
 * its memory. When the command ends, and when a signal (Ctrl+C, {@code kill}) stops the process, it
 * waits for the token requests in flight (a refresh stores its rotated tokens before it ends), then
 * stores what the store refused before, waiting for the store up to a bound and saying so on
 * standard error. A refresh token it still can't store is reported, with {@link
 * ExitCode#REFRESH_TOKEN_NOT_STORED}. Thread-safe: the command's thread and the signal's may both
 * finish it; the first does the work.
 */
final class ExitGuard {
  private final ExecutorService requests;
  private final LocalTokenStore store;
  private final Duration wait;
  private final String storeDescription;
  private final PrintWriter err;
  private final Thread onSignal = new Thread(this::finishOnSignal, "krebit-exit-guard");
  private LocalTokenStore.@Nullable Flushed finished;

  private ExitGuard(
      ExecutorService requests,
      LocalTokenStore store,
      Duration wait,
      String storeDescription,
      PrintWriter err) {
    this.requests = requests;
    this.store = store;
    this.wait = wait;
    this.storeDescription = storeDescription;
    this.err = err;
  }

  /**
   * Guards the exit from now on.
   *
   * @param requests where token requests run; shut down when the guard finishes
   * @param wait how long to wait for the store when storing what it refused
   */
  static ExitGuard arm(
      ExecutorService requests,
      LocalTokenStore store,
      Duration wait,
      String storeDescription,
      PrintWriter err) {
    ExitGuard guard = new ExitGuard(requests, store, wait, storeDescription, err);
    Runtime.getRuntime().addShutdownHook(guard.onSignal);
    return guard;
  }

  /** Lets the token requests in flight finish, up to the policy's acquire timeout. */
  static void awaitRequests(ExecutorService requests) {
    requests.shutdown();
    try {
      requests.awaitTermination(
          RefreshPolicy.DEFAULT_ACQUIRE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Finishes as the command ends.
   *
   * @throws CliException with {@link ExitCode#REFRESH_TOKEN_NOT_STORED} if a refresh token Krebit
   *     issued could not be stored
   */
  void finish() {
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // a signal came: the hook finishes too, and whichever is first does the work
    }
    LocalTokenStore.Flushed flushed = finishOnce();
    flushed
        .stored()
        .forEach(
            key ->
                err.println(
                    "krebit: the refreshed tokens of subject '"
                        + key.subject()
                        + "' are stored now, after all."));
    err.flush();
    if (!flushed.lost().isEmpty()) {
      throw new CliException(ExitCode.REFRESH_TOKEN_NOT_STORED, lostMessage(flushed.lost()));
    }
  }

  private void finishOnSignal() {
    LocalTokenStore.Flushed flushed = finishOnce();
    if (!flushed.lost().isEmpty()) {
      err.println("krebit: " + lostMessage(flushed.lost()));
      err.flush();
      Runtime.getRuntime().halt(ExitCode.REFRESH_TOKEN_NOT_STORED.code());
    }
  }

  private synchronized LocalTokenStore.Flushed finishOnce() {
    if (finished == null) {
      awaitRequests(requests);
      List<TokenKey> unsaved = store.unsaved();
      if (unsaved.isEmpty()) {
        finished = LocalTokenStore.Flushed.NOTHING;
      } else {
        err.println(
            "krebit: storing the refreshed tokens of subject '"
                + subjects(unsaved)
                + "' before exiting"
                + " (waiting up to "
                + DurationConverter.format(wait)
                + " for the token store)…");
        err.flush();
        finished = store.flush(wait);
      }
    }
    return finished;
  }

  private String lostMessage(List<TokenKey> lost) {
    return "The refresh token Krebit issued for subject '"
        + subjects(lost)
        + "' could not be stored in "
        + storeDescription
        + " before krebit exited; it is lost, and the next refresh will likely be refused."
        + " Run: krebit login --subject "
        + lost.get(0).subject();
  }

  private static String subjects(List<TokenKey> keys) {
    return String.join("', '", keys.stream().map(TokenKey::subject).toList());
  }
}
