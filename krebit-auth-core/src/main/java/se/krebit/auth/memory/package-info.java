/**
 * In-memory adapters for the driven ports: the embedded default for a single process and for tests.
 * They keep nothing across restarts and share nothing between nodes.
 */
@NullMarked
package se.krebit.auth.memory;

import org.jspecify.annotations.NullMarked;
