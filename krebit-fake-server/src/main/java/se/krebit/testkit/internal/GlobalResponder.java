package se.krebit.testkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * The one WireMock extension of a fake server: it sees every request, stubbed or not, and answers
 * as the fake.
 */
public abstract class GlobalResponder implements ResponseDefinitionTransformerV2 {
  private final String name;

  /** {@code name} names the extension to WireMock. */
  protected GlobalResponder(String name) {
    this.name = requireNonNull(name, "name");
  }

  @Override
  public final boolean applyGlobally() {
    return true;
  }

  @Override
  public final String getName() {
    return name;
  }
}
