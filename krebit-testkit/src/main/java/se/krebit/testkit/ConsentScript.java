package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the fake's user answers authorize requests, scripted by a test; from
 * {@link FakeKrebitServer#consent()}. A request whose client and redirect URI check out takes the
 * first one-time decision queued ({@link #approveNextAs}, {@link #denyNext}), else the standing
 * decision ({@link #approveAs}, {@link #deny}), and is answered at once with a redirect. When
 * neither is scripted, it gets an HTML consent page with Approve and Deny buttons, for a person
 * using the fake in a browser.
 *
 * <pre>{@code
 * server.consent().approveAs("alice", Set.of("signer")); // every request from now on
 * server.consent().denyNext();                           // but the next one is denied
 * }</pre>
 *
 * <p>{@link FakeKrebitServer#reset()} drops what tests scripted and goes back to the builder's
 * {@linkplain FakeKrebitServer.Builder#autoApprove auto-approval}, if any, else to the consent page.
 * Thread-safe.
 */
public final class ConsentScript {
  /** The {@code error_description} sent with {@code error=access_denied}. */
  public static final String DENIED = "The user denied the authorization request";
  private static final int MAX_USER_ID_LENGTH = 255;

  private final Optional<String> autoApprove;
  private final Map<String, Set<String>> userRoles;
  private final ArrayDeque<ConsentDecision> queued = new ArrayDeque<>();
  private Optional<ConsentDecision> standing;

  ConsentScript(Optional<String> autoApprove, Map<String, Set<String>> userRoles) {
    this.autoApprove = autoApprove;
    this.userRoles = Map.copyOf(userRoles);
    this.standing = baseline();
  }

  /** Approves every following request as {@code userId}, whose tokens carry {@code roles}, until changed. */
  public synchronized void approveAs(String userId, Set<String> roles) {
    standing = Optional.of(new ConsentDecision.Approve(userId, roles));
  }

  /**
   * Approves every following request as {@code userId}, with the roles the builder gave that user
   * ({@link FakeKrebitServer.Builder#userRoles}), until changed.
   */
  public void approveAs(String userId) {
    approveAs(userId, rolesOf(checkUserId(userId)));
  }

  /** Approves the next request (after those already queued) as {@code userId} with {@code roles}. */
  public synchronized void approveNextAs(String userId, Set<String> roles) {
    queued.addLast(new ConsentDecision.Approve(userId, roles));
  }

  /** Denies every following request, until changed: the client gets {@code error=access_denied}. */
  public synchronized void deny() {
    standing = Optional.of(new ConsentDecision.Deny(DENIED));
  }

  /** Denies the next request (after those already queued). */
  public synchronized void denyNext() {
    queued.addLast(new ConsentDecision.Deny(DENIED));
  }

  /** Forgets every scripted decision, the builder's auto-approval too: requests get the consent page. */
  public synchronized void showConsentPage() {
    queued.clear();
    standing = Optional.empty();
  }

  /** How many one-time decisions are still queued. */
  public synchronized int queued() {
    return queued.size();
  }

  /** The decision for the request now arriving, if one is scripted. */
  synchronized Optional<ConsentDecision> next() {
    ConsentDecision first = queued.pollFirst();
    return first != null ? Optional.of(first) : standing;
  }

  /** The roles the builder gave {@code userId}; empty if none. */
  Set<String> rolesOf(String userId) {
    return userRoles.getOrDefault(userId, Set.of());
  }

  /** A user id to suggest on the consent page: the auto-approved user, or else the first with roles. */
  String suggestedUser() {
    return autoApprove.or(() -> userRoles.keySet().stream().sorted().findFirst()).orElse("user");
  }

  synchronized void reset() {
    queued.clear();
    standing = baseline();
  }

  private Optional<ConsentDecision> baseline() {
    return autoApprove.map(user -> new ConsentDecision.Approve(user, rolesOf(user)));
  }

  /**
   * @return {@code userId}, if it is 1 to 255 characters, not blank, without control characters
   * @throws IllegalArgumentException otherwise
   */
  static String checkUserId(String userId) {
    requireNonNull(userId, "userId");
    if (userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH || userId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "user id must be 1 to " + MAX_USER_ID_LENGTH + " characters, not blank, without control characters");
    }
    return userId;
  }

  @Override
  public synchronized String toString() {
    return "ConsentScript[standing=" + standing.map(ConsentScript::describe).orElse("consent page")
        + ", queued=" + queued.size() + "]";
  }

  private static String describe(ConsentDecision decision) {
    return decision instanceof ConsentDecision.Approve approve ? "approve as " + approve.userId() : "deny";
  }
}
