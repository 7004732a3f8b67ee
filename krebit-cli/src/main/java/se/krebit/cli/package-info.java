/** The {@code krebit} command line. */
@NullMarked
package se.krebit.cli;

import org.jspecify.annotations.NullMarked;
