package se.krebit.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import se.krebit.auth.TokenSource;

/** {@code --subject}: act as a user signed in with {@code krebit login} instead of as the app. */
final class SubjectOption {
  @Option(
      names = "--subject",
      arity = "0..1",
      paramLabel = "S",
      fallbackValue = "${sys:user.name}",
      description =
          "Act as user S, signed in with krebit login, instead of as the app; --subject alone means your"
              + " OS user name (${sys:user.name}), login's default.")
  @Nullable String subject;

  /**
   * App tokens without {@code --subject}; else the user's stored tokens, refreshed (rotation
   * stored) when needed.
   */
  TokenSource tokens(Session session) {
    return subject == null ? session.appTokens() : session.userTokens(subject);
  }
}
