package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import se.krebit.auth.internal.TlsParameters;

/**
 * A key and a self-signed certificate made at test time with the JDK's {@code keytool}: a PKCS#12
 * keystore for a {@linkplain FakeKrebitServer.Builder#https HTTPS fake} (or the fake Vault, or any
 * server that reads PKCS#12), and for the client under test a TLS context that trusts this one
 * certificate and nothing else, or the certificate as a PEM file.
 *
 * <pre>{@code
 * TestCertificate certificate = TestCertificate.create(tempDir, "ip:127.0.0.1", "dns:localhost");
 * FakeKrebitServer krebit = FakeKrebitServer.builder()
 *     .https(certificate.keystore(), certificate.password())
 *     .build().start();
 * // HttpConfig.custom().sslContext(certificate.trustingContext()) ...
 * }</pre>
 *
 * <p>Immutable. The key is an EC P-256 key; the certificate lives two days.
 */
public final class TestCertificate {
  private static final String ALIAS = "krebit-test";
  private static final String PASSWORD = "test-only";
  private static final long KEYTOOL_SECONDS = 60;

  private final Path keystore;
  private final Path pem;
  private final List<String> subjectAlternativeNames;

  private TestCertificate(Path keystore, Path pem, List<String> subjectAlternativeNames) {
    this.keystore = keystore;
    this.pem = pem;
    this.subjectAlternativeNames = subjectAlternativeNames;
  }

  /**
   * Makes a key and a certificate for the given names, in a new keystore in {@code dir}.
   *
   * @param dir an existing directory, for example a JUnit {@code @TempDir}
   * @param subjectAlternativeNames as keytool writes them: {@code dns:localhost}, {@code
   *     ip:127.0.0.1}; at least one. The first {@code dns:} name, if any, is also the common name.
   * @throws IllegalStateException if keytool fails
   */
  public static TestCertificate create(Path dir, String... subjectAlternativeNames) {
    requireNonNull(dir, "dir");
    List<String> names = List.of(subjectAlternativeNames);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one subject alternative name, like ip:127.0.0.1");
    }
    String commonName =
        names.stream()
            .filter(n -> n.startsWith("dns:"))
            .map(n -> n.substring(4))
            .findFirst()
            .orElse("krebit-test");
    String stem = "krebit-test-" + System.nanoTime();
    Path keystore = dir.resolve(stem + ".p12");
    Path pem = dir.resolve(stem + ".pem");
    keytool(
        dir,
        keystore,
        List.of(
            "-genkeypair",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + commonName,
            "-ext",
            "SAN=" + String.join(",", names),
            "-validity",
            "2",
            "-keypass",
            PASSWORD));
    keytool(dir, keystore, List.of("-exportcert", "-rfc", "-file", pem.toString()));
    return new TestCertificate(keystore, pem, names);
  }

  /** The PKCS#12 keystore holding the key and certificate. */
  public Path keystore() {
    return keystore;
  }

  /** The certificate alone, PEM-encoded, as a client's CA bundle file. */
  public Path pem() {
    return pem;
  }

  /** The password of the keystore and of its key. */
  public String password() {
    return PASSWORD;
  }

  /** The names the certificate is valid for, as given to {@link #create}. */
  public List<String> subjectAlternativeNames() {
    return subjectAlternativeNames;
  }

  /** The certificate. */
  public X509Certificate certificate() {
    try {
      return (X509Certificate) load().getCertificate(ALIAS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the test keystore cannot be read", e);
    }
  }

  /** A TLS context that trusts this certificate and no other: not even the JVM's CAs. */
  public SSLContext trustingContext() {
    try {
      return TlsParameters.trusting(List.of(certificate()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS context trusting the test certificate", e);
    }
  }

  private KeyStore load() throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs keytool with {@code arguments} on the one key of {@code keystore}. */
  private static void keytool(Path dir, Path keystore, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(arguments);
    command.addAll(
        List.of(
            "-alias",
            ALIAS,
            "-storetype",
            "PKCS12",
            "-keystore",
            keystore.toString(),
            "-storepass",
            PASSWORD));
    Path log = dir.resolve("keytool.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool did not finish within " + KEYTOOL_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed with exit code " + process.exitValue() + "; see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }

  @Override
  public String toString() {
    return "TestCertificate" + subjectAlternativeNames;
  }
}
