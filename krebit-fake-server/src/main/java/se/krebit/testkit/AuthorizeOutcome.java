package se.krebit.testkit;

/**
 * How the fake answered a request to its authorization endpoint; see {@link
 * RecordedAuthorizeRequest}.
 */
public enum AuthorizeOutcome {
  /** Redirected to the client's redirect URI with a {@code code}. */
  CODE,
  /**
   * Redirected to the client's redirect URI with an {@code error}: {@code access_denied} when
   * consent was denied, or what was wrong with the request once its client and redirect URI were
   * known to be good.
   */
  ERROR_REDIRECT,
  /** Showed the consent page, for a person to approve or deny. */
  CONSENT_PAGE,
  /**
   * Refused with an error page (400, or 405 for a wrong method) and no redirect, because the
   * client, the redirect URI or the consent form could not be trusted (RFC 6749 §4.1.2.1).
   */
  REFUSED
}
