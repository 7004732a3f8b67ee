package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A signing, Krebit's package of documents to be signed, as far as its pages show one: the members
 * of the quickstart's draft. Its state (draft, sent, cancelled, completed) is not among them, since
 * no saved page names the member; call your own interface through {@link KrebitClient#api(Class)}
 * to read more. Immutable.
 *
 * @param id Krebit's identifier of the signing
 * @param name its name, when Krebit gives it
 * @param language its language code, such as {@code EN}, when Krebit gives it
 * @param signingOrder how recipients take turns, such as {@code sequential}, when Krebit gives it
 * @param message the message to recipients, when Krebit gives it
 */
public record Signing(
    String id,
    Optional<String> name,
    Optional<String> language,
    Optional<String> signingOrder,
    Optional<String> message) {
  /** Requires every member; those Krebit did not send are empty. */
  public Signing {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(language, "language");
    requireNonNull(signingOrder, "signingOrder");
    requireNonNull(message, "message");
  }
}
