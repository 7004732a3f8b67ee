package se.krebit.testkit;

/**
 * The fake's two HTML pages: the consent page, whose form posts the decision back to {@code
 * /oauth/authorize/decision}, and the error page for requests that cannot be redirected. Plain HTML
 * without scripts; every value is escaped.
 */
final class ConsentPage {
  private ConsentPage() {}

  static String consent(AuthorizeRequest request, String handle, String suggestedUser) {
    String client = escape(request.client().clientId());
    StringBuilder html =
        new StringBuilder(head("Authorize " + client))
            .append("<h1>Authorize ")
            .append(client)
            .append("</h1>\n")
            .append("<p>The application <strong>")
            .append(client)
            .append(
                "</strong> asks to use Krebit Sign for you. This is the fake Krebit server.</p>\n");
    Scopes.format(request.scope())
        .ifPresent(
            scope -> html.append("<p>Scope: <code>").append(escape(scope)).append("</code></p>\n"));
    return html.append("<p>You will be sent back to <code>")
        .append(escape(request.redirectUri()))
        .append("</code>.</p>\n")
        .append("<form method=\"post\" action=\"")
        .append(AuthorizeRoute.DECISION_PATH)
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"consent\" value=\"")
        .append(escape(handle))
        .append("\">\n")
        .append("<p><label>Sign in as user <input name=\"user\" value=\"")
        .append(escape(suggestedUser))
        .append("\" autocomplete=\"off\"></label></p>\n")
        .append("<p><button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\n")
        .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p>\n")
        .append("</form>\n</body>\n</html>\n")
        .toString();
  }

  static String error(String error, String description) {
    return head("Authorization request refused")
        + "<h1>Authorization request refused</h1>\n"
        + "<p><code>"
        + escape(error)
        + "</code>: "
        + escape(description)
        + "</p>\n"
        + "<p>The application that sent you here is misconfigured, so you are not sent back to it.</p>\n"
        + "</body>\n</html>\n";
  }

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + title
        + " - fake Krebit</title>\n</head>\n<body>\n";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
