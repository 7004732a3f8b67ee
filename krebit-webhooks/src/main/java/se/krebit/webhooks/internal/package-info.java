/**
 * Implementation details of krebit-webhooks. Not a supported API: anything here may change in any
 * release.
 */
@NullMarked
package se.krebit.webhooks.internal;

import org.jspecify.annotations.NullMarked;
