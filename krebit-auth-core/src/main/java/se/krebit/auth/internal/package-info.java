/**
 * Implementation details shared by Krebit modules. Not a supported API: anything here may change
 * or disappear in any release.
 */
@NullMarked
package se.krebit.auth.internal;

import org.jspecify.annotations.NullMarked;
