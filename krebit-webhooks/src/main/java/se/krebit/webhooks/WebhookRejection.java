package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why a delivery was refused, one type per reason. None carries anything the sender wrote, so a
 * rejection can be logged and answered as it is: {@link #reason()} is one line, and {@link
 * #httpStatus()} the status to answer with (never a 2xx, so a real Krebit delivery that was refused
 * by mistake is retried rather than lost).
 */
public sealed interface WebhookRejection extends WebhookVerification {
  /** One line for logs and for the response body, without anything from the delivery. */
  String reason();

  /** The status to answer with: 401 for signature and client id problems, 413 and 400 otherwise. */
  int httpStatus();

  /**
   * None of the signature headers is there, or each is empty.
   *
   * @param headerNames the headers looked for
   */
  record MissingSignature(List<String> headerNames) implements WebhookRejection {
    /** Copies {@code headerNames}: later changes to the given list do not show here. */
    public MissingSignature {
      headerNames = List.copyOf(headerNames);
    }

    @Override
    public String reason() {
      return "missing signature: no " + String.join(" or ", headerNames) + " header";
    }

    @Override
    public int httpStatus() {
      return 401;
    }
  }

  /**
   * The signature is not 64 lower-case hex digits, as Krebit's HMAC-SHA256 in hex is. Upper-case
   * hex is refused here too: Krebit sends lower case (Node's {@code digest('hex')}), and the check
   * in its guide compares the hex strings, so it would refuse upper case as well.
   *
   * @param problem what is wrong with it, in words of ours
   */
  record MalformedSignature(String problem) implements WebhookRejection {
    /** Requires the problem, which must be our words, never the sender's. */
    public MalformedSignature {
      requireNonNull(problem, "problem");
    }

    @Override
    public String reason() {
      return "malformed signature: " + problem;
    }

    @Override
    public int httpStatus() {
      return 401;
    }
  }

  /**
   * The signature is well formed but no configured secret gives it for this body: the body was
   * changed (a byte, its whitespace, a re-serialisation), or it was signed with another secret.
   *
   * @param secretsTried how many secrets were tried
   */
  record WrongSignature(int secretsTried) implements WebhookRejection {
    @Override
    public String reason() {
      return "wrong signature: none of the "
          + secretsTried
          + " configured secret(s) gives it for this body";
    }

    @Override
    public int httpStatus() {
      return 401;
    }
  }

  /**
   * A client id is expected and the {@code X-Client-Id} header is missing or names another.
   *
   * @param present whether the header was there at all
   */
  record WrongClientId(boolean present) implements WebhookRejection {
    @Override
    public String reason() {
      return present
          ? "wrong client id: the client id header names another client"
          : "missing client id header";
    }

    @Override
    public int httpStatus() {
      return 401;
    }
  }

  /**
   * The body is longer than the configured cap; it was not read past it.
   *
   * @param maxBytes the cap
   */
  record BodyTooLarge(long maxBytes) implements WebhookRejection {
    @Override
    public String reason() {
      return "body too large: more than " + maxBytes + " bytes";
    }

    @Override
    public int httpStatus() {
      return 413;
    }
  }

  /**
   * The signature checked out, but the body is not a JSON object in UTF-8.
   *
   * @param problem what is wrong with it, in words of ours
   */
  record NotJson(String problem) implements WebhookRejection {
    /** Requires the problem, which must be our words, never the sender's. */
    public NotJson {
      requireNonNull(problem, "problem");
    }

    @Override
    public String reason() {
      return "not JSON: " + problem;
    }

    @Override
    public int httpStatus() {
      return 400;
    }
  }
}
