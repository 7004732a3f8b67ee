package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signings on a fake server, and the test's hand on them: see what was created and uploaded,
 * and move a signing on in its life, which Krebit does on its own or through endpoints no saved
 * page shows. Each move sends the webhook events Krebit's guide names for it to the endpoints
 * registered with {@link FakeKrebitServer#webhooks()}: {@code signing.sent} on {@link #send},
 * {@code signing.cancelled} on {@link #cancel}, and {@code signing.document.completed} for each
 * document on {@link #complete}, with the signing's id in {@code data.signing_id} and a document's
 * in {@code data.document_id} (the guide shows no payload: those fields are the fake's assumption).
 * {@link FakeKrebitServer#reset()} forgets them all.
 *
 * <pre>{@code
 * Signing draft = krebit.signings().create(NewSigning.builder().name("Demo").build());
 * server.signings().send(draft.id());          // no longer a draft; signing.sent goes to your endpoint
 * // an upload now answers 400 {"errors": {"signing": ["cannot_be_edited"]}}
 * }</pre>
 *
 * <p>Thread-safe: one lock guards them all. Events are raised under it, so they are sent in the
 * order the signings moved (each delivery then goes its own way, retries included).
 */
public final class FakeSignings {
  private final Map<String, FakeSigning> signings = new LinkedHashMap<>();
  private final SigningEvents events;

  FakeSignings(SigningEvents events) {
    this.events = events;
  }

  /** Every signing, oldest first. */
  public synchronized List<FakeSigning> all() {
    return List.copyOf(signings.values());
  }

  /** The signing {@code id}, if the fake holds one. */
  public synchronized Optional<FakeSigning> find(String id) {
    return Optional.ofNullable(signings.get(requireNonNull(id, "id")));
  }

  /**
   * Sends the draft {@code id} to its recipients, as Krebit's (undocumented) send does: it is no
   * longer editable, and {@code signing.sent} goes to the registered webhook endpoints.
   *
   * @throws IllegalArgumentException if there is no such signing
   * @throws IllegalStateException if it is not a draft
   */
  public FakeSigning send(String id) {
    return moveOn(id, Set.of(SigningState.DRAFT), SigningState.SENT);
  }

  /**
   * Cancels the sent signing {@code id}, and sends {@code signing.cancelled}. Throws as {@link
   * #send} does, if it was not sent.
   */
  public FakeSigning cancel(String id) {
    return moveOn(id, Set.of(SigningState.SENT), SigningState.CANCELLED);
  }

  /**
   * Completes the sent signing {@code id}: everyone signed every document, so {@code
   * signing.document.completed} is sent for each of its documents, in upload order (none for a
   * signing without documents). Throws as {@link #send} does, if it was not sent.
   */
  public FakeSigning complete(String id) {
    return moveOn(id, Set.of(SigningState.SENT), SigningState.COMPLETED);
  }

  /** The one place a signing's state changes, and so where its webhook events are raised. */
  private synchronized FakeSigning moveOn(String id, Set<SigningState> from, SigningState to) {
    FakeSigning signing =
        find(id)
            .orElseThrow(() -> new IllegalArgumentException("no signing " + id + " on the fake"));
    if (!from.contains(signing.state())) {
      throw new IllegalStateException("signing " + id + " is " + signing.state() + ", not " + from);
    }
    FakeSigning moved = signing.in(to);
    signings.put(id, moved);
    events.movedOn(moved);
    return moved;
  }

  synchronized FakeSigning create(FakeSigning draft) {
    signings.put(draft.id(), draft);
    return draft;
  }

  /**
   * Adds {@code document} to the signing {@code id} if it is a draft, in one step with that check.
   *
   * @return the signing as it is now (unchanged if it was no draft); empty if there is none
   */
  synchronized Optional<FakeSigning> addDocument(String id, FakeDocument document) {
    return find(id)
        .map(
            signing -> {
              if (signing.state() != SigningState.DRAFT) {
                return signing;
              }
              FakeSigning more = signing.with(document);
              signings.put(id, more);
              return more;
            });
  }

  /**
   * Deletes the signing {@code id} if it is a draft, in one step with that check.
   *
   * @return the signing as it was; empty if there was none
   */
  synchronized Optional<FakeSigning> deleteDraft(String id) {
    return find(id)
        .map(
            signing -> {
              if (signing.state() == SigningState.DRAFT) {
                signings.remove(id);
              }
              return signing;
            });
  }

  /** Page {@code number} (from 1) of {@code size} signings, oldest first. */
  synchronized List<FakeSigning> page(int number, int size) {
    List<FakeSigning> all = new ArrayList<>(signings.values());
    long from = (long) (number - 1) * size;
    return from >= all.size()
        ? List.of()
        : all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  synchronized int count() {
    return signings.size();
  }

  synchronized void clear() {
    signings.clear();
  }
}
