/**
 * Krebit Sign's public documentation as saved for this project: {@link
 * se.krebit.testkit.docs.KrebitDocs} gives tests the pages and the JSON examples they show, so that
 * a drift between what Krebit documents and what our client or fake does fails the build.
 */
@NullMarked
package se.krebit.testkit.docs;

import org.jspecify.annotations.NullMarked;
