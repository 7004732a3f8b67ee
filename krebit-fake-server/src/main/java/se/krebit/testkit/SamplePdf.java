package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small PDFs to upload in tests and demos: {@link #document(String)} is a valid one-page PDF saying
 * a line of text, built here (objects, cross-reference table and trailer with their real offsets);
 * {@link #ofSize(int)} is a body of exactly a given length that begins as a PDF does, for size
 * limits. Stateless.
 */
public final class SamplePdf {
  private SamplePdf() {}

  /** A one-page A4 PDF showing {@code text} (printable ASCII; others become '?'). */
  public static byte[] document(String text) {
    String safe =
        text.chars()
            .mapToObj(
                c ->
                    c >= 0x20 && c < 0x7f && c != '(' && c != ')' && c != '\\'
                        ? String.valueOf((char) c)
                        : "?")
            .reduce("", String::concat);
    String content = "BT /F1 24 Tf 72 760 Td (" + safe + ") Tj ET";
    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    write(pdf, "%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(pdf.size());
      write(pdf, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = pdf.size();
    StringBuilder table =
        new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
    write(
        pdf,
        table
            + "trailer\n<< /Size "
            + (objects.size() + 1)
            + " /Root 1 0 R >>\nstartxref\n"
            + xref
            + "\n%%EOF\n");
    return pdf.toByteArray();
  }

  /** Exactly {@code length} bytes (at least 5) that begin with {@code %PDF-}, then filler. */
  public static byte[] ofSize(int length) {
    if (length < 5) {
      throw new IllegalArgumentException("a PDF header alone takes 5 bytes; got " + length);
    }
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) ' ');
    System.arraycopy("%PDF-".getBytes(US_ASCII), 0, bytes, 0, 5);
    return bytes;
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(US_ASCII));
  }
}
