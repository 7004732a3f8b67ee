/**
 * Implementation details of the fake servers. Not a supported API: anything here may change in any
 * release.
 *
 * <p><b>Qualified exports, for this repository's own tests.</b> In the manner of a module's {@code
 * exports … to}, only the modules named below may import the type of each item; "(tests)" means
 * from their test sources only. Every other type here is {@code krebit-fake-server}'s alone. {@code
 * ModuleBoundariesTest} in {@code krebit-cli} checks every import in the repository against this
 * list. (The package is split: {@code krebit-testkit} holds its own part of it.)
 *
 * <ul>
 *   <li>{@link se.krebit.testkit.internal.FakeWireMock} to {@code krebit-testkit} (tests), {@code
 *       krebit-api-client} (tests), {@code krebit-cli} (tests): to stub raw responses and read
 *       request journals beyond what {@code FakeKrebitServer} offers, for fault matrices and secret
 *       hygiene checks; users get those through the fake's own API.
 *   <li>{@link se.krebit.testkit.internal.Json} to {@code krebit-testkit} (tests), {@code
 *       krebit-webhooks} (tests): to write the small JSON bodies those tests send, in the fake's
 *       own encoding.
 * </ul>
 */
@NullMarked
package se.krebit.testkit.internal;

import org.jspecify.annotations.NullMarked;
