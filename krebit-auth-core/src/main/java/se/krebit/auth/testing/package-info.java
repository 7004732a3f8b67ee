/**
 * Test support that ships with core: {@link se.krebit.auth.testing.SettableClock}, the one clock
 * and scheduler every Krebit test moves by hand. It lives here, not in the test kit, because core's
 * own tests need it and core can't depend on a module that depends on core; the test kit and every
 * other module's tests use this same class. Nothing in production code refers to this package.
 */
@NullMarked
package se.krebit.auth.testing;

import org.jspecify.annotations.NullMarked;
