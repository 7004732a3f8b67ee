package se.krebit.testkit.internal;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The life of a test kit extension's fake server under JUnit 5: started before all tests, stopped
 * after them, reset before each test, and injected (with whatever else the extension names) into
 * test constructors and methods. The extensions delegate their JUnit callbacks here.
 *
 * <p>Only the container or test that started the server stops it: an extension on a {@code static}
 * field is also called around each {@code @Nested} class, which must not stop the enclosing class's
 * server; on an instance field it sees no {@code beforeAll}, so each test starts and stops its own.
 * Thread-safe.
 */
public final class ServerLifecycle {
  private final BooleanSupplier isRunning;
  private final Runnable start;
  private final Runnable stop;
  private final Runnable reset;
  private final Map<Class<?>, Object> parameters;
  private @Nullable String startedBy;

  /**
   * @param isRunning whether the server listens
   * @param start starts it
   * @param stop stops it
   * @param reset forgets what the last test scripted
   * @param parameters what tests may take as parameters, by their declared type (exactly)
   */
  public ServerLifecycle(
      BooleanSupplier isRunning,
      Runnable start,
      Runnable stop,
      Runnable reset,
      Map<Class<?>, Object> parameters) {
    this.isRunning = isRunning;
    this.start = start;
    this.stop = stop;
    this.reset = reset;
    this.parameters = Map.copyOf(parameters);
  }

  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  public void beforeEach(ExtensionContext context) {
    startFor(context); // registered on an instance field, the extension sees no beforeAll
    reset.run();
  }

  public void afterEach(ExtensionContext context) {
    stopFor(context);
  }

  public void afterAll(ExtensionContext context) {
    stopFor(context);
  }

  public boolean supportsParameter(ParameterContext parameter) {
    return parameters.containsKey(parameter.getParameter().getType());
  }

  public Object resolveParameter(ParameterContext parameter) {
    Object value = parameters.get(parameter.getParameter().getType());
    if (value == null) {
      throw new ParameterResolutionException(
          "cannot resolve a parameter of type " + parameter.getParameter().getType());
    }
    return value;
  }

  private synchronized void startFor(ExtensionContext context) {
    if (!isRunning.getAsBoolean()) {
      start.run();
      startedBy = context.getUniqueId();
    }
  }

  private synchronized void stopFor(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      startedBy = null;
      stop.run();
    }
  }
}
