package se.krebit.testkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The WireMock server under a fake, for this repository's own tests that check request bodies or
 * stub raw responses (headers, charsets, faults) beyond what {@code FakeKrebitServer.stub} offers.
 * Not a supported API: WireMock is an implementation detail of the fake, and its version may change
 * in any release. Thread-safe.
 */
public final class FakeWireMock {
  private static final Map<Object, WireMockServer> SERVERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private FakeWireMock() {}

  /** Called by a fake when it makes its WireMock server; forgotten when the fake is. */
  public static void register(Object fake, WireMockServer wireMock) {
    SERVERS.put(requireNonNull(fake, "fake"), requireNonNull(wireMock, "wireMock"));
  }

  /**
   * The WireMock server under {@code fake}.
   *
   * @throws IllegalArgumentException if {@code fake} is no fake that registered one
   */
  public static WireMockServer of(Object fake) {
    WireMockServer wireMock = SERVERS.get(requireNonNull(fake, "fake"));
    if (wireMock == null) {
      throw new IllegalArgumentException(
          "not a fake with a WireMock server: " + fake.getClass().getName());
    }
    return wireMock;
  }
}
