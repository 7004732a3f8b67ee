package se.krebit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import se.krebit.testkit.FakeKrebitExtension;

/** The fake Krebit server the integration tests start themselves, and what they configure krebit with. */
final class TestFake {
  static final String CLIENT_ID = "cli-test-client";
  static final String SECRET = "cli-test-secret-4f1d9a7c";
  static final String USER = "alice";
  /** The port tests pin krebit login's loopback redirect to, registered with the fake in advance. */
  static final int LOGIN_PORT = freePort();

  private TestFake() {}

  /** A fake with the test app, alice as a user with the signer role, and the login redirect URI registered. */
  static FakeKrebitExtension extension() {
    return FakeKrebitExtension.builder()
        .app(CLIENT_ID, SECRET, "reader")
        .redirectUri(CLIENT_ID, Cli.callback(LOGIN_PORT).toString())
        .userRoles(USER, "signer")
        .build();
  }

  private static int freePort() {
    try {
      return Cli.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
