package se.krebit.guice;

import se.krebit.testkit.FakeKrebitExtension;

/** The fake Krebit server's app the Guice tests authenticate as. */
final class TestClients {
  static final String CLIENT_ID = "demo-client";
  static final String SECRET = "demo-secret";

  private TestClients() {}

  /** A fake with one app, {@value #CLIENT_ID}; the flows the tests bind only build authorize URLs. */
  static FakeKrebitExtension fake() {
    return FakeKrebitExtension.builder().app(CLIENT_ID, SECRET, "reader").build();
  }
}
