package se.krebit.auth.feign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import se.krebit.http.UnusableResponse;

/**
 * A strict JSON reader for token endpoint answers: duplicate members, trailing content and absurd
 * nesting are errors. Its error reasons give a position, never the offending text, because
 * Jackson's own messages quote the input and the input may be a token. Thread-safe.
 */
final class TokenJson {
  /** A token response is flat; this leaves room for nested unknown members and no more. */
  static final int MAX_NESTING_DEPTH = 16;

  private static final String DUPLICATE = "Duplicate field";
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private TokenJson() {}

  /**
   * The body as a JSON object.
   *
   * @throws UnusableResponse if it is not exactly one well-formed JSON object
   */
  static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new UnusableResponse(
          "the JSON is nested deeper than "
              + MAX_NESTING_DEPTH
              + " levels or exceeds a parser limit");
    } catch (JsonProcessingException e) {
      throw new UnusableResponse(describe(e));
    } catch (IOException e) {
      throw new UnusableResponse("the body could not be read as JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new UnusableResponse("the body is empty");
    }
    if (!node.isObject()) {
      throw new UnusableResponse(
          "the body is a JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not an object");
    }
    return (ObjectNode) node;
  }

  private static String describe(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    String what =
        original != null && original.startsWith(DUPLICATE)
            ? "the JSON has a duplicate member"
            : "the body is not valid JSON";
    JsonLocation at = e.getLocation();
    return at == null
        ? what
        : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
