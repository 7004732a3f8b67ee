package se.krebit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code krebit}, one per class of failure, so that scripts can tell "sign in
 * again" from "try again later". {@code --help} and the README list them from here.
 */
enum ExitCode {
  OK(0, "success"),
  OTHER(1, "any other failure, such as an unusable response from Krebit"),
  CONFIGURATION(
      2, "usage or configuration error: an unknown option, a missing or malformed setting"),
  REFUSED(
      3,
      "Krebit refused the authentication: invalid_client, unsupported_grant_type, a declined consent,"
          + " a refused token"),
  SIGN_IN_AGAIN(
      4, "the user must sign in again (krebit login): no stored tokens, or invalid_grant"),
  FORBIDDEN(5, "HTTP 403: the identity lacks a role the resource requires"),
  UNAVAILABLE(
      6, "Krebit unavailable or too slow: no connection, 5xx, 429, a timeout, no sign-in in time"),
  STORAGE(7, "the local token store can't be read or written"),
  INVALID_REQUEST(
      8,
      "Krebit refused the request's content (HTTP 400, with its field messages), or a file to upload"
          + " is no PDF under 10 MiB"),
  REFUSED_DELIVERY(
      9, "krebit webhooks verify: the delivery is refused (signature, client id, size or JSON)"),
  REFRESH_TOKEN_NOT_STORED(
      10,
      "a refresh token Krebit issued could not be stored before krebit exited, so it is"
          + " lost: the user will likely have to sign in again (krebit login)"),
  FAKE_SERVER_MISSING(
      11,
      "krebit demo or --fake: the fake server's jar, krebit-fake-server.jar, is not beside"
          + " krebit.jar");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  int code() {
    return code;
  }

  String meaning() {
    return meaning;
  }

  /** Every code and its meaning, for picocli's exit code list. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exit : values()) {
      list.put(Integer.toString(exit.code), exit.meaning);
    }
    return list;
  }
}
