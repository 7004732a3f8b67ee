package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * PKCE (RFC 7636) with the one method the fake accepts, {@code S256}; the computation is Nimbus's.
 */
final class Pkce {
  static final String S256 = CodeChallengeMethod.S256.getValue();

  /** An S256 challenge: the unpadded base64url of a SHA-256 digest. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Pkce() {}

  static boolean isS256Challenge(String challenge) {
    return S256_CHALLENGE.matcher(challenge).matches();
  }

  /** Whether {@code verifier} is well-formed (RFC 7636 §4.1) and hashes to {@code challenge}. */
  static boolean verifies(String verifier, String challenge) {
    CodeVerifier parsed;
    try {
      parsed = new CodeVerifier(verifier);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String computed = CodeChallenge.compute(CodeChallengeMethod.S256, parsed).getValue();
    return MessageDigest.isEqual(computed.getBytes(US_ASCII), challenge.getBytes(US_ASCII));
  }
}
