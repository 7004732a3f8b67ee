/** Implementation details of the test kit. Not a supported API: anything here may change in any release. */
@NullMarked
package se.krebit.testkit.internal;

import org.jspecify.annotations.NullMarked;
