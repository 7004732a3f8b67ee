/**
 * Implementation details of the test kit's JUnit extensions. Not a supported API: anything here may
 * change in any release.
 *
 * <p><b>Qualified exports:</b> none; every type here is {@code krebit-testkit}'s alone, and {@code
 * ModuleBoundariesTest} in {@code krebit-cli} checks that no other module imports one. (The package
 * is split: {@code krebit-fake-server} holds the rest of it, with its own list.)
 */
@NullMarked
package se.krebit.testkit.internal;

import org.jspecify.annotations.NullMarked;
