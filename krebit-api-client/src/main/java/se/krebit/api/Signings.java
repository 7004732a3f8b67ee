package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The signing operations Krebit's pages show: create a draft ({@code POST /api/1.0/signings}, the
 * quickstart's step 2), upload a PDF into it ({@code POST /api/1.0/signings/{id}/documents}, step
 * 3), list signings ({@code GET /api/1.0/signings}, the reference's example) and get one. Get one,
 * {@code GET /api/1.0/signings/{id}}, is on no saved page: it is the REST convention of the
 * documented collection, assumed. The quickstart's later steps (recipients, sending) and the rest
 * (cancel, reminders, download) have no documented path; call them through {@link
 * KrebitClient#api(Class)}, with the same authentication and errors.
 *
 * <p>Every call behaves as {@link KrebitClient} describes: a 400 is a {@link
 * KrebitValidationException} with Krebit's field messages; answers are read {@code data}-wrapped or
 * bare; a POST is sent once. Thread-safe.
 *
 * <pre>{@code
 * Signings signings = krebit.signings();
 * Signing draft = signings.create(NewSigning.builder().name("Demo agreement").language("EN")
 *     .signingOrder("sequential").message("Please sign by Friday.").build());
 * Document document = signings.upload(draft.id(), Path.of("document.pdf"));
 * signings.list().forEach(signing -> System.out.println(signing.id()));
 * }</pre>
 */
public final class Signings {
  /**
   * What a signing id may be in a path: letters, digits and {@code -._~}, as UUIDs and numbers are.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

  private final SigningsApi api;
  private final DocumentUploads uploads;
  private final DirectCalls direct;
  private final URI apiBase;
  private final JsonGet<SigningPageResponse> pages;
  private final JsonGet<SigningResponse> signing;

  Signings(SigningsApi api, DocumentUploads uploads, DirectCalls direct, URI apiBase) {
    this.api = api;
    this.uploads = uploads;
    this.direct = direct;
    this.apiBase = apiBase;
    this.pages =
        direct.prepare(apiBase, "signings?page=1", SigningPageResponse.class, "SigningsApi.page");
    this.signing = direct.prepare(apiBase, "signings", SigningResponse.class, "SigningsApi.get");
  }

  /**
   * Creates a draft signing: {@code POST /api/1.0/signings} with {@code draft}'s members as JSON.
   * Krebit answers 201 with the new signing.
   *
   * @throws KrebitValidationException if Krebit refused a member, for example an unsupported
   *     language or a message over 400 characters
   * @throws KrebitApiException if the call failed otherwise; see {@link KrebitClient}
   */
  public Signing create(NewSigning draft) {
    return api.create(requireNonNull(draft, "draft").body()).signing();
  }

  /**
   * Uploads the PDF at {@code pdf} into the signing {@code signingId}: {@code POST
   * /api/1.0/signings/{id}/documents}, {@code multipart/form-data} with the file in {@code
   * selected_file}, streamed from disk. The file must begin with {@code %PDF-} and be under 10 MiB,
   * the quickstart's limits; that is checked before anything is sent.
   *
   * @throws InvalidDocumentException if the file is no PDF, too large or unreadable; nothing was
   *     sent
   * @throws KrebitValidationException if Krebit refused it, for example {@code cannot_be_edited}
   *     for a signing that is no longer a draft
   * @throws KrebitApiException if the call failed otherwise
   */
  public Document upload(String signingId, Path pdf) {
    return uploads.upload(checkId(signingId), requireNonNull(pdf, "pdf"));
  }

  /**
   * Uploads {@code pdf}, a PDF held in memory, as {@code fileName}; otherwise as {@link
   * #upload(String, Path)}.
   */
  public Document upload(String signingId, String fileName, byte[] pdf) {
    return uploads.upload(
        checkId(signingId), requireNonNull(fileName, "fileName"), requireNonNull(pdf, "pdf"));
  }

  /**
   * One page of signings: {@code GET /api/1.0/signings?page={number}}. The page parameter's name is
   * an assumption (Laravel's, as the {@code meta} member suggests).
   *
   * @param number the page, from 1
   */
  public SigningPage page(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("pages are numbered from 1; got " + number);
    }
    JsonGet<SigningPageResponse> page =
        number == 1 ? pages : pages.at(apiBase.resolve("signings?page=" + number));
    return direct.get(page).page(number);
  }

  /**
   * Every signing, page after page: the next page is asked for only when the stream reaches it, and
   * only if the page before said one follows ({@code links.next}, or {@code meta.current_page}
   * below {@code meta.last_page}); an empty page ends it too. A failed call ends the stream with
   * its {@link KrebitApiException}. Close or abandon the stream at any point: nothing is held open.
   */
  public Stream<Signing> list() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(new Pages(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * One signing: {@code GET /api/1.0/signings/{id}}. No saved Krebit page shows this path; it is
   * the REST convention of the documented collection, assumed.
   *
   * @throws KrebitNotFoundException if there is no such signing (or the path is not Krebit's)
   */
  public Signing get(String signingId) {
    // the id is a path segment of unreserved characters: nothing to encode
    return direct.get(signing.at(apiBase.resolve("signings/" + checkId(signingId)))).signing();
  }

  /**
   * {@code id}, if it is safe in a path. Ids come from Krebit, but also from users (a command
   * line): one with a slash or dots could point the request at another resource.
   */
  private static String checkId(String id) {
    requireNonNull(id, "signingId");
    if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(
          "a signing id is 1 to 200 letters, digits and -._~ (such as a UUID); got one that is not");
    }
    return id;
  }

  /** Walks the pages lazily, one page in memory at a time. */
  private final class Pages implements Iterator<Signing> {
    private @Nullable Iterator<Signing> current;
    private @Nullable SigningPage last;

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (last != null && (!last.hasNext() || last.signings().isEmpty())) {
          return false;
        }
        last = page(last == null ? 1 : last.number() + 1);
        current = last.signings().iterator();
      }
      return true;
    }

    @Override
    public Signing next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return requireNonNull(current).next();
    }
  }
}
