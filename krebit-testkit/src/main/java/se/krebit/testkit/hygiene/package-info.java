/**
 * Secret hygiene for a whole test suite: the fakes plant every credential they hand out, and a
 * JUnit extension fails any test class during which a planted credential showed up in a log line or
 * in the message of an exception thrown by Krebit code.
 */
@NullMarked
package se.krebit.testkit.hygiene;

import org.jspecify.annotations.NullMarked;
