/**
 * Test support that ships with core: {@link se.krebit.auth.testing.SettableClock}, the one clock
 * and scheduler every Krebit test moves by hand; {@link
 * se.krebit.auth.testing.RecordingTokenListener}, a listener that keeps what it hears; and {@link
 * se.krebit.auth.testing.ForwardingTokenStore}, to extend into a store that fails or waits on cue.
 * They live here, not in the test kit, because core's own tests need them and core can't depend on
 * a module that depends on core; the test kit and every other module's tests use these same
 * classes. Nothing in production code refers to this package.
 */
@NullMarked
package se.krebit.auth.testing;

import org.jspecify.annotations.NullMarked;
