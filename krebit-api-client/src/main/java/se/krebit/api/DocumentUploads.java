package se.krebit.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.mizosoft.methanol.MediaType;
import com.github.mizosoft.methanol.MoreBodyPublishers;
import com.github.mizosoft.methanol.MultipartBodyPublisher;
import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import se.krebit.http.RedactingLogger;
import se.krebit.http.ResponseHeaders;

/**
 * {@code POST /api/1.0/signings/{id}/documents}: a PDF as {@code multipart/form-data} in the field
 * {@code selected_file}, as the quickstart sends it. The file is checked first (it begins with
 * {@code %PDF-} and is under the quickstart's 10 MB, taken as 10 MiB) and then streamed from disk
 * by Methanol's multipart publisher: no copy of it is held in memory, and a resend after a 401
 * reads it again. A PDF given as an array is sent from that array, not from a copy. Feign's bodies
 * are byte arrays, so this one call goes around Feign's proxy, through the same bearer
 * authentication, transport, decoding, error mapping and redacted log line. Like every POST it is
 * sent once. Thread-safe.
 */
final class DocumentUploads {
  /**
   * The quickstart's "under 10 MB", read as mebibytes (what a kilobyte-based server limit means).
   */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  static final String FIELD = "selected_file";
  private static final String OPERATION = "Signings.uploadDocument";
  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(UTF_8);
  private static final MediaType PDF = MediaType.parse("application/pdf");
  private static final int MAX_FILE_NAME = 255;
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(KrebitClient.class);

  private final ApiSettings settings;
  private final BearerClient client;
  private final BoundedDecoder decoder;
  private final ApiErrorDecoder errors;

  DocumentUploads(
      ApiSettings settings, BearerClient client, BoundedDecoder decoder, ApiErrorDecoder errors) {
    this.settings = settings;
    this.client = client;
    this.decoder = decoder;
    this.errors = errors;
  }

  /** Uploads the PDF at {@code file}, named as the file is. */
  Document upload(String signingId, Path file) {
    long size = checkedSize(file);
    try (InputStream in = Files.newInputStream(file)) {
      checkMagic(in.readNBytes(PDF_MAGIC.length), file.toString());
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    BodyPublisher content;
    try {
      content = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw unreadable(file, e);
    }
    Path name = file.getFileName();
    return send(
        signingId, fileName(name == null ? "document.pdf" : name.toString()), content, size);
  }

  /**
   * Uploads {@code content}, a PDF in memory, as {@code fileName}, without copying it: the JDK's
   * byte-array publisher copies the whole array on each subscription, a stream over it does not.
   */
  Document upload(String signingId, String fileName, byte[] content) {
    checkSize(content.length, fileName);
    checkMagic(Arrays.copyOf(content, Math.min(content.length, PDF_MAGIC.length)), fileName);
    BodyPublisher uncopied =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)),
            content.length);
    return send(signingId, fileName(fileName), uncopied, content.length);
  }

  private Document send(String signingId, String fileName, BodyPublisher content, long size) {
    MultipartBodyPublisher body =
        MultipartBodyPublisher.newBuilder()
            .formPart(FIELD, fileName, MoreBodyPublishers.ofMediaType(content, PDF))
            .build();
    String path = "/signings/" + signingId + "/documents";
    String url = settings.target() + path;
    Map<String, Collection<String>> headers =
        Map.of(
            "Accept", List.of("application/json"),
            "User-Agent", List.of(ApiTransport.USER_AGENT),
            "Content-Type", List.of(body.mediaType().toString()));
    Request request =
        Request.create(Request.HttpMethod.POST, url, headers, (byte[]) null, UTF_8, null);
    @Nullable String outer = RequestIds.current();
    RequestIds.set(null);
    ApiCallListener.Call observed = ApiCallSpans.start(settings.listener(), OPERATION);
    @Nullable Throwable failed = null;
    long started = System.nanoTime();
    log("--> POST {} ({} bytes of PDF)", RedactingLogger.withoutQuery(url), size);
    try (Response response = client.execute(request, options(), body)) {
      log(
          "<-- {} POST {} ({} ms) request_id={}",
          response.status(),
          RedactingLogger.withoutQuery(url),
          (System.nanoTime() - started) / 1_000_000,
          requestId(response));
      if (response.status() / 100 != 2) {
        throw errors.error(response);
      }
      return ((DocumentResponse) decoder.decode(response, DocumentResponse.class)).document();
    } catch (IOException e) {
      failed =
          ApiCalls.transportFailure(
              "POST", ApiFailure.pathOf(url), RedactingLogger.withoutQuery(url), e);
      throw (RuntimeException) failed;
    } catch (RuntimeException | Error e) {
      failed = e;
      throw e;
    } finally {
      ApiCallSpans.stop(observed, OPERATION, failed);
      RequestIds.set(outer);
    }
  }

  private Request.Options options() {
    return new Request.Options(settings.connectTimeout(), settings.callTimeout(), false);
  }

  private void log(String format, Object... arguments) {
    if (settings.http().logLevel() != Logger.Level.NONE) {
      LOG.debug(
          format, arguments); // the same redacted line as Feign's requests: no header, no body
    }
  }

  private static String requestId(Response response) {
    return ResponseHeaders.requestId(response).orElse("none");
  }

  private static long checkedSize(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDocumentException("can't upload " + file + ": it is not a readable file");
    }
    try {
      long size = Files.size(file);
      checkSize(size, file.toString());
      return size;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static void checkSize(long size, String what) {
    if (size >= MAX_BYTES) {
      throw new InvalidDocumentException(
          "can't upload "
              + what
              + ": it has "
              + size
              + " bytes; Krebit's quickstart"
              + " asks for a PDF under 10 MB ("
              + MAX_BYTES
              + " bytes)");
    }
  }

  private static void checkMagic(byte[] start, String what) {
    if (!Arrays.equals(start, PDF_MAGIC)) {
      throw new InvalidDocumentException(
          "can't upload "
              + what
              + ": it is not a PDF (a PDF begins with %PDF-); Krebit's quickstart uploads PDFs");
    }
  }

  private static InvalidDocumentException unreadable(Path file, IOException e) {
    String why =
        e instanceof NoSuchFileException || e instanceof FileNotFoundException
            ? "it does not exist"
            : "reading it failed (" + e.getClass().getSimpleName() + ")";
    return new InvalidDocumentException("can't upload " + file + ": " + why, e);
  }

  /**
   * The file name for the part's {@code Content-Disposition}: a control character (a line break
   * among them) would end the header early and let a file name write headers of its own, so each
   * becomes '_'; so do quotes and backslashes, which Methanol escapes but servers unescape, or not,
   * each their own way.
   */
  static String fileName(String name) {
    StringBuilder safe = new StringBuilder();
    name.codePoints()
        .limit(MAX_FILE_NAME)
        .forEach(
            c ->
                safe.appendCodePoint(Character.isISOControl(c) || c == '"' || c == '\\' ? '_' : c));
    return safe.length() == 0 ? "document.pdf" : safe.toString();
  }
}
