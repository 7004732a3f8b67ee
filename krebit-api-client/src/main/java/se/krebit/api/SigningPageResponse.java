package se.krebit.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import se.krebit.http.UnusableResponse;

/**
 * The wire form of a page of signings: {@code {"data": […], "meta": {"current_page", "last_page",
 * "total"}, "links": {"next"}}} as Laravel writes it, the shape this client assumes since Krebit
 * names only {@code meta}; a bare array is one page with nothing after it. Each signing needs its
 * id.
 */
record SigningPageResponse(
    List<Signing> signings,
    OptionalInt current,
    OptionalInt last,
    OptionalLong total,
    boolean hasNext)
    implements ApiResource {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SigningPageResponse of(JsonNode body) {
    JsonNode items = body.isArray() ? body : body.get("data");
    if (items == null || !items.isArray()) {
      throw new UnusableResponse("the page of signings has no data array");
    }
    List<Signing> signings = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw new UnusableResponse("an item of the page of signings is not a JSON object");
      }
      signings.add(SigningResponse.signing(item));
    }
    JsonNode meta = body.path("meta");
    OptionalInt current = whole(meta.get("current_page"));
    OptionalInt last = whole(meta.get("last_page"));
    JsonNode total = meta.get("total");
    JsonNode next = body.path("links").get("next");
    boolean hasNext =
        next != null
            ? next.isTextual() && !next.textValue().isBlank()
            : current.isPresent() && last.isPresent() && current.getAsInt() < last.getAsInt();
    return new SigningPageResponse(
        signings,
        current,
        last,
        total != null && total.isIntegralNumber() && total.canConvertToLong()
            ? OptionalLong.of(total.longValue())
            : OptionalLong.empty(),
        hasNext);
  }

  /** The page, numbered as Krebit says, else as it was asked for. */
  SigningPage page(int requested) {
    return new SigningPage(signings, current.orElse(requested), last, total, hasNext);
  }

  private static OptionalInt whole(JsonNode value) {
    return value != null
            && value.isIntegralNumber()
            && value.canConvertToInt()
            && value.intValue() > 0
        ? OptionalInt.of(value.intValue())
        : OptionalInt.empty();
  }
}
