/**
 * The in-memory {@link se.krebit.webhooks.spi.DeliveryDeduplicator}: the default for one node.
 *
 * <p>Every parameter and return value in this package is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package se.krebit.webhooks.memory;

import org.jspecify.annotations.NullMarked;
