package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

/**
 * A document uploaded into a signing on the fake: what arrived, not its bytes, which the fake does
 * not keep.
 *
 * @param id the id the fake gave it
 * @param fileName the part's file name, as sent
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its bytes, lower-case hex, to compare with what a test sent
 */
public record FakeDocument(String id, String fileName, long size, String sha256) {
  /** Requires every member; a missing one throws {@code NullPointerException} naming it. */
  public FakeDocument {
    requireNonNull(id, "id");
    requireNonNull(fileName, "fileName");
    requireNonNull(sha256, "sha256");
  }
}
