package se.krebit.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Signatures computed by OpenSSL ({@code openssl dgst -sha256 -hmac SECRET}) over the body files
 * beside {@code vectors.tsv}, by {@code make-vectors.sh} in the same folder: the reference that
 * neither the verifier nor the test's own HMAC wrote.
 */
final class OpensslVectors {
  private static final String FOLDER = "vectors/";

  private OpensslVectors() {}

  /** One body, one secret and the signature OpenSSL gave. */
  record Vector(String file, String secret, String signature) {
    byte[] body() {
      return resource(file);
    }

    @Override
    public String toString() {
      return file + " under a " + secret.length() + "-character secret";
    }
  }

  static List<Vector> all() {
    return new String(resource("vectors.tsv"), StandardCharsets.UTF_8)
        .lines()
        .map(line -> line.split("\t"))
        .map(fields -> new Vector(fields[0], fields[1], fields[2]))
        .toList();
  }

  static byte[] resource(String name) {
    try (InputStream in = OpensslVectors.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + FOLDER + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
