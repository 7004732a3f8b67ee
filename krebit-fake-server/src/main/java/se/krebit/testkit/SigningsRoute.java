package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.internal.Json;

/**
 * The signing endpoints of Krebit's pages, on the fake, with the rules they document:
 *
 * <ul>
 *   <li>{@code POST /api/1.0/signings}: a draft from {@code name}, {@code language}, {@code
 *       signing_order} and {@code message} (strings; the others ignored), 201 with the signing
 *       bare, as the quickstart reads its {@code id}. An unsupported {@code language} (the fake
 *       knows {@code EN} and {@code SV}) or a {@code message} over 400 characters is a 400;
 *   <li>{@code POST /api/1.0/signings/{id}/documents}: {@code multipart/form-data} with a PDF in
 *       {@code selected_file}, under 10 MiB: 201 with the document's id; a signing that is no draft
 *       is 400 {@code cannot_be_edited};
 *   <li>{@code GET /api/1.0/signings?page=N&per_page=M}: pages of 15 by default (at most 100),
 *       Laravel's {@code data}, {@code links} and {@code meta};
 *   <li>{@code GET} and {@code DELETE /api/1.0/signings/{id}}: no saved page shows them; the fake
 *       answers the REST convention (the signing in {@code data}; 204, for a draft) so clients can
 *       be tested against it.
 * </ul>
 *
 * A 400's body is {@code {"message": …, "errors": {"field": ["code", …]}}}: the reference names
 * field-level messages such as {@code cannot_be_edited} without showing the shape, so that shape
 * and the other codes are the fake's. Anything else under {@code /signings} is left to stubs.
 */
final class SigningsRoute {
  static final String FIELD = "selected_file";
  static final long MAX_DOCUMENT_BYTES = 10L * 1024 * 1024;
  static final int MAX_MESSAGE_LENGTH = 400;
  static final List<String> LANGUAGES = List.of("EN", "SV");
  private static final int DEFAULT_PAGE_SIZE = 15;
  private static final int MAX_PAGE_SIZE = 100;
  private static final Pattern PATH =
      Pattern.compile("/api/1\\.0/signings(?:/([^/]+)(/documents)?)?");
  private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final List<String> MEMBERS =
      List.of("name", "language", "signing_order", "message");

  private final FakeSignings signings;

  SigningsRoute(FakeSignings signings) {
    this.signings = signings;
  }

  /** The answer, if {@code path} and the method are one of the endpoints above. */
  Optional<ResponseDefinition> serve(Request request, String path) {
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    RequestMethod method = request.getMethod();
    @Nullable String id = matcher.group(1);
    boolean documents = matcher.group(2) != null;
    if (id == null && RequestMethod.POST.equals(method)) {
      return Optional.of(create(request));
    }
    if (id == null && RequestMethod.GET.equals(method)) {
      return Optional.of(list(request));
    }
    if (id != null && documents && RequestMethod.POST.equals(method)) {
      return Optional.of(upload(request, id));
    }
    if (id != null && !documents && RequestMethod.GET.equals(method)) {
      return Optional.of(
          signings
              .find(id)
              .map(s -> json(200, Map.of("data", body(s))))
              .orElseGet(() -> notFound(id)));
    }
    if (id != null && !documents && RequestMethod.DELETE.equals(method)) {
      return Optional.of(delete(id));
    }
    return Optional.empty();
  }

  private ResponseDefinition create(Request request) {
    Optional<Map<String, Object>> parsed = Json.parseObject(request.getBodyAsString());
    if (parsed.isEmpty()) {
      return Responses.json(400, Map.of("message", "The request body must be a JSON object"))
          .build();
    }
    Map<String, Object> draft = parsed.get();
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (String member : MEMBERS) {
      if (draft.get(member) != null && !(draft.get(member) instanceof String)) {
        errors.put(member, List.of("must_be_a_string"));
      }
    }
    if (draft.get("language") instanceof String language && !LANGUAGES.contains(language)) {
      errors.put("language", List.of("unsupported_language"));
    }
    if (draft.get("message") instanceof String message
        && message.codePointCount(0, message.length()) > MAX_MESSAGE_LENGTH) {
      errors.put("message", List.of("too_long"));
    }
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    FakeSigning signing =
        signings.create(
            new FakeSigning(
                UUID.randomUUID().toString(),
                text(draft, "name"),
                text(draft, "language"),
                text(draft, "signing_order"),
                text(draft, "message"),
                SigningState.DRAFT,
                List.of()));
    return json(201, body(signing));
  }

  private ResponseDefinition upload(Request request, String id) {
    if (signings.find(id).isEmpty()) {
      return notFound(id);
    }
    Request.Part part = request.isMultipart() ? request.getPart(FIELD) : null;
    if (part == null || part.getBody() == null) {
      return invalid(Map.of(FIELD, List.of("required")));
    }
    byte[] bytes = part.getBody().asBytes();
    if (bytes.length >= MAX_DOCUMENT_BYTES) {
      return invalid(Map.of(FIELD, List.of("too_large")));
    }
    if (bytes.length < PDF.length || !Arrays.equals(bytes, 0, PDF.length, PDF, 0, PDF.length)) {
      return invalid(Map.of(FIELD, List.of("must_be_a_pdf")));
    }
    FakeDocument document =
        new FakeDocument(
            UUID.randomUUID().toString(),
            Optional.ofNullable(part.getFileName()).orElse(""),
            bytes.length,
            sha256(bytes));
    FakeSigning signing = signings.addDocument(id, document).orElseThrow();
    if (signing.state() != SigningState.DRAFT) {
      return invalid(Map.of("signing", List.of("cannot_be_edited")));
    }
    return json(201, Map.of("id", document.id()));
  }

  private ResponseDefinition list(Request request) {
    UrlParameters query = UrlParameters.parse(rawQuery(request.getUrl()));
    Optional<Integer> page = positive(query.first("page").orElse("1"), Integer.MAX_VALUE);
    Optional<Integer> size =
        positive(query.first("per_page").orElse(String.valueOf(DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
    if (page.isEmpty() || size.isEmpty()) {
      Map<String, List<String>> errors = new LinkedHashMap<>();
      page.ifPresentOrElse(
          p -> {}, () -> errors.put("page", List.of("must_be_a_positive_integer")));
      size.ifPresentOrElse(
          s -> {}, () -> errors.put("per_page", List.of("must_be_1_to_" + MAX_PAGE_SIZE)));
      return invalid(errors);
    }
    int number = page.get();
    int perPage = size.get();
    List<FakeSigning> items = signings.page(number, perPage);
    int total = signings.count();
    int lastPage = Math.max(1, (total + perPage - 1) / perPage);
    String path = request.getAbsoluteUrl().split("\\?", 2)[0];
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("first", pageUrl(path, 1, perPage));
    links.put("last", pageUrl(path, lastPage, perPage));
    links.put("prev", number > 1 ? pageUrl(path, number - 1, perPage) : null);
    links.put("next", number < lastPage ? pageUrl(path, number + 1, perPage) : null);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("current_page", number);
    meta.put("from", items.isEmpty() ? null : (number - 1) * perPage + 1);
    meta.put("last_page", lastPage);
    meta.put("path", path);
    meta.put("per_page", perPage);
    meta.put("to", items.isEmpty() ? null : (number - 1) * perPage + items.size());
    meta.put("total", total);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", items.stream().map(SigningsRoute::body).collect(Collectors.toList()));
    body.put("links", links);
    body.put("meta", meta);
    return json(200, body);
  }

  private ResponseDefinition delete(String id) {
    Optional<FakeSigning> deleted = signings.deleteDraft(id);
    if (deleted.isEmpty()) {
      return notFound(id);
    }
    if (deleted.get().state() != SigningState.DRAFT) {
      return invalid(Map.of("signing", List.of("cannot_be_edited")));
    }
    return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
  }

  /** A signing as the fake shows it: the quickstart's members, null where none was sent. */
  private static Map<String, Object> body(FakeSigning signing) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", signing.id());
    body.put("name", signing.name().orElse(null));
    body.put("language", signing.language().orElse(null));
    body.put("signing_order", signing.signingOrder().orElse(null));
    body.put("message", signing.message().orElse(null));
    return body;
  }

  private static ResponseDefinition invalid(Map<String, List<String>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "The given data was invalid.");
    body.put("errors", errors);
    return json(400, body);
  }

  private static ResponseDefinition notFound(String id) {
    return Responses.error(
            404,
            "not_found",
            "No signing " + TokenRoute.printable(id) + " on the fake Krebit server")
        .build();
  }

  private static ResponseDefinition json(int status, Map<String, ?> body) {
    return Responses.json(status, body).build();
  }

  private static Optional<String> text(Map<String, Object> draft, String member) {
    return draft.get(member) instanceof String text ? Optional.of(text) : Optional.empty();
  }

  private static Optional<Integer> positive(String value, int max) {
    try {
      int number = Integer.parseInt(value);
      return number >= 1 && number <= max ? Optional.of(number) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String pageUrl(String path, int page, int perPage) {
    return path + "?page=" + page + (perPage == DEFAULT_PAGE_SIZE ? "" : "&per_page=" + perPage);
  }

  private static @Nullable String rawQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? null : url.substring(query + 1);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
