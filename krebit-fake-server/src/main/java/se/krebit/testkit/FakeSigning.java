package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A signing as the fake holds it, at one moment: the quickstart's members as they were sent, its
 * state and its documents.
 *
 * @param id the id the fake gave it, a UUID
 * @param name the {@code name} sent, if any
 * @param language the {@code language} sent, if any
 * @param signingOrder the {@code signing_order} sent, if any
 * @param message the {@code message} sent, if any
 * @param state where it is in its life
 * @param documents its documents, in upload order
 */
public record FakeSigning(
    String id,
    Optional<String> name,
    Optional<String> language,
    Optional<String> signingOrder,
    Optional<String> message,
    SigningState state,
    List<FakeDocument> documents) {
  /**
   * Requires every member and copies {@code documents}: the snapshot does not change when the
   * fake's signing does.
   */
  public FakeSigning {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(language, "language");
    requireNonNull(signingOrder, "signingOrder");
    requireNonNull(message, "message");
    requireNonNull(state, "state");
    documents = List.copyOf(documents);
  }

  FakeSigning in(SigningState next) {
    return new FakeSigning(id, name, language, signingOrder, message, next, documents);
  }

  FakeSigning with(FakeDocument document) {
    List<FakeDocument> more = new ArrayList<>(documents);
    more.add(document);
    return new FakeSigning(id, name, language, signingOrder, message, state, more);
  }
}
