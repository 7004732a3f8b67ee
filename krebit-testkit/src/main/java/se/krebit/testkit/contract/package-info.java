/**
 * Abstract JUnit 5 contract suites for the driven ports. Every adapter, ours or a user's, extends
 * the suite of the port it implements and supplies a fresh instance; the suite proves the behaviour
 * the flows rely on.
 */
@NullMarked
package se.krebit.testkit.contract;

import org.jspecify.annotations.NullMarked;
