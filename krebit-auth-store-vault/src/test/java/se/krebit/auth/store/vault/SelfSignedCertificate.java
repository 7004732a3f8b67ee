package se.krebit.auth.store.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key and self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * JDK's keytool: a PKCS#12 keystore for the fake Vault's HTTPS port, and the certificate as PEM for
 * the client to trust.
 *
 * @param keystore the PKCS#12 keystore
 * @param password its password
 * @param pem the certificate, PEM-encoded
 */
record SelfSignedCertificate(Path keystore, String password, Path pem) {
  private static final String ALIAS = "vault";

  static SelfSignedCertificate createIn(Path dir) throws IOException, InterruptedException {
    SelfSignedCertificate made =
        new SelfSignedCertificate(
            dir.resolve("vault.p12"), "test-only", dir.resolve("vault-ca.pem"));
    keytool(
        dir,
        List.of(
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            made.keystore.toString(),
            "-storepass",
            made.password,
            "-keypass",
            made.password));
    keytool(
        dir,
        List.of(
            "-exportcert",
            "-rfc",
            "-alias",
            ALIAS,
            "-keystore",
            made.keystore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            made.password,
            "-file",
            made.pem.toString()));
    return made;
  }

  private static void keytool(Path dir, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("keytool.log").toFile()))
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue())
        .as("keytool exit code, see " + dir.resolve("keytool.log"))
        .isZero();
  }
}
