package se.krebit.testkit;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.security.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the admin API under {@code /__admin} (WireMock's own routes, and the fake's journal
 * at {@value JournalRoute#PATH}): nobody by default, or whoever sends {@code Authorization: Bearer
 * TOKEN} with the token the fake was built with. WireMock answers everyone else 401. Immutable.
 */
final class AdminAccess implements Authenticator {
  /** The shortest admin token accepted: guessing one must be hopeless. */
  static final int MIN_TOKEN_LENGTH = 16;

  private final Optional<byte[]> expected;

  AdminAccess(Optional<String> token) {
    this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return {@code token}, if it is long enough and printable ASCII without spaces
   * @throws IllegalArgumentException otherwise, without quoting it
   */
  static String checkToken(String token) {
    if (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "the admin token must be at least "
              + MIN_TOKEN_LENGTH
              + " printable ASCII characters without spaces");
    }
    return token;
  }

  /** Whether the admin API answers anyone at all. */
  boolean enabled() {
    return expected.isPresent();
  }

  @Override
  public boolean authenticate(Request request) {
    if (expected.isEmpty()) {
      return false;
    }
    String sent = request.getHeader("Authorization");
    // constant time, so the token can't be guessed a character at a time
    return sent != null
        && MessageDigest.isEqual(expected.get(), sent.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminAccess[" + (enabled() ? "token" : "disabled") + "]";
  }
}
