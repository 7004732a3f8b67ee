package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the fake's user answers authorize requests, scripted by a test; from {@link
 * FakeKrebitServer#consent()}. A request whose client and redirect URI check out takes the first
 * one-time decision queued ({@link #approveNextAs}, {@link #denyNext}), else the standing decision
 * ({@link #approveAs}, {@link #deny}), and is answered at once with a redirect. When neither is
 * scripted, the builder's {@linkplain FakeKrebitServer.Builder#autoApprove auto-approved users}
 * answer: the one the request's {@code login_hint} names, else the first of them. Otherwise (or
 * when the {@code login_hint} names someone else) it gets an HTML consent page with Approve and
 * Deny buttons, for a person using the fake in a browser.
 *
 * <pre>{@code
 * server.consent().approveAs("alice", Set.of("signer")); // every request from now on
 * server.consent().denyNext();                           // but the next one is denied
 * }</pre>
 *
 * <p>{@link FakeKrebitServer#reset()} drops what tests scripted and goes back to the builder's
 * auto-approval, if any, else to the consent page. Thread-safe.
 */
public final class ConsentScript {
  /** The {@code error_description} sent with {@code error=access_denied}. */
  public static final String DENIED = "The user denied the authorization request";

  private static final int MAX_USER_ID_LENGTH = 255;

  private final List<String> autoApprove;
  private final Map<String, Set<String>> userRoles;
  private final ArrayDeque<ConsentDecision> queued = new ArrayDeque<>();
  private Optional<ConsentDecision> standing = Optional.empty();
  private boolean autoApproving = true;

  /**
   * @param autoApprove the users approved at once, the first unless a {@code login_hint} names
   *     another
   * @param userRoles the roles of users, by user id
   */
  ConsentScript(List<String> autoApprove, Map<String, Set<String>> userRoles) {
    this.autoApprove = List.copyOf(autoApprove);
    this.userRoles = Map.copyOf(userRoles);
  }

  /**
   * Approves every following request as {@code userId}, whose tokens carry {@code roles}, until
   * changed.
   */
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

  /**
   * Approves the next request (after those already queued) as {@code userId} with {@code roles}.
   */
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

  /**
   * Forgets every scripted decision, the builder's auto-approval too: requests get the consent
   * page.
   */
  public synchronized void showConsentPage() {
    queued.clear();
    standing = Optional.empty();
    autoApproving = false;
  }

  /** How many one-time decisions are still queued. */
  public synchronized int queued() {
    return queued.size();
  }

  /** The decision for a request now arriving without a {@code login_hint}, if one is scripted. */
  Optional<ConsentDecision> next() {
    return next(Optional.empty());
  }

  /** The decision for the request now arriving, if one is scripted or auto-approved. */
  synchronized Optional<ConsentDecision> next(Optional<String> loginHint) {
    ConsentDecision first = queued.pollFirst();
    if (first != null) {
      return Optional.of(first);
    }
    if (standing.isPresent() || !autoApproving || autoApprove.isEmpty()) {
      return standing;
    }
    Optional<String> user =
        loginHint.isEmpty()
            ? Optional.of(autoApprove.get(0))
            : loginHint.filter(autoApprove::contains);
    return user.map(u -> new ConsentDecision.Approve(u, rolesOf(u)));
  }

  /** The roles the builder gave {@code userId}; empty if none. */
  Set<String> rolesOf(String userId) {
    return userRoles.getOrDefault(userId, Set.of());
  }

  /**
   * A user id to suggest on the consent page: the first auto-approved user, or else the first with
   * roles.
   */
  String suggestedUser() {
    return autoApprove.stream()
        .findFirst()
        .or(() -> userRoles.keySet().stream().sorted().findFirst())
        .orElse("user");
  }

  synchronized void reset() {
    queued.clear();
    standing = Optional.empty();
    autoApproving = true;
  }

  /**
   * @return {@code userId}, if it is 1 to 255 characters, not blank, without control characters
   * @throws IllegalArgumentException otherwise
   */
  static String checkUserId(String userId) {
    requireNonNull(userId, "userId");
    if (userId.isBlank()
        || userId.length() > MAX_USER_ID_LENGTH
        || userId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "user id must be 1 to "
              + MAX_USER_ID_LENGTH
              + " characters, not blank, without control characters");
    }
    return userId;
  }

  @Override
  public synchronized String toString() {
    String otherwise =
        autoApproving && !autoApprove.isEmpty() ? "auto-approve " + autoApprove : "consent page";
    return "ConsentScript[standing="
        + standing.map(ConsentScript::describe).orElse(otherwise)
        + ", queued="
        + queued.size()
        + "]";
  }

  private static String describe(ConsentDecision decision) {
    return decision instanceof ConsentDecision.Approve approve
        ? "approve as " + approve.userId()
        : "deny";
  }
}
