package se.krebit.testkit;

/**
 * Where a signing is in its life on the fake, as Krebit's pages describe it: created as a draft,
 * sent (its invitations out), then cancelled or completed. The pages name no member for it, so the
 * fake's API never shows it; tests read it through {@link FakeSignings} and move it on there.
 */
public enum SigningState {
  /** Created, and editable: documents may be uploaded. */
  DRAFT,
  /** Sent to its recipients; no longer editable. */
  SENT,
  /** Cancelled after it was sent. */
  CANCELLED,
  /** Signed by everyone. */
  COMPLETED
}
