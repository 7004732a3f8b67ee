package se.krebit.auth.store.vault;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lets the README test, in another package, make the self-signed certificate the HTTPS tests use.
 */
public final class ReadmeCertificates {
  private ReadmeCertificates() {}

  /** A keystore, its password and the certificate as PEM. */
  public record Made(Path keystore, String password, Path pem) {}

  public static Made createIn(Path dir) throws IOException, InterruptedException {
    SelfSignedCertificate made = SelfSignedCertificate.createIn(dir);
    return new Made(made.keystore(), made.password(), made.pem());
  }
}
