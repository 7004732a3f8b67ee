package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs a call that must fail with {@code type}, and hands back the failure for closer looks. */
final class Thrown {
  private Thrown() {}

  static <T extends Throwable> T by(Class<T> type, ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("failure").isInstanceOf(type);
    return type.cast(failure);
  }
}
