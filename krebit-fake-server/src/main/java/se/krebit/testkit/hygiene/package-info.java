/**
 * {@link se.krebit.testkit.hygiene.PlantedSecrets}, where the fakes plant every credential they
 * hand out; the JUnit extension that looks for them in logs and exception messages is in {@code
 * krebit-testkit}, in this same package.
 */
@NullMarked
package se.krebit.testkit.hygiene;

import org.jspecify.annotations.NullMarked;
