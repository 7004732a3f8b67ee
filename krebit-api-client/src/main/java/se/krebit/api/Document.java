package se.krebit.api;

import static java.util.Objects.requireNonNull;

/**
 * A document uploaded into a signing. The quickstart keeps only its id from the answer (its jq
 * filter is cut off in the saved page; the id is this client's reading), so that is all it holds.
 * Immutable.
 *
 * @param id Krebit's identifier of the document
 */
public record Document(String id) {
  /** Requires the id: a document without one cannot be referred to. */
  public Document {
    requireNonNull(id, "id");
  }
}
