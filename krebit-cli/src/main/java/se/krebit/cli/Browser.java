package se.krebit.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;

/** Shows the user the sign-in page. */
@FunctionalInterface
interface Browser {
  /**
   * Opens {@code uri}.
   *
   * @return whether a browser was opened; false when there is none, so the user opens the URL
   *     printed
   */
  boolean open(URI uri);

  /**
   * The desktop's default browser through {@link Desktop}, when this is a desktop session that
   * supports it; on a headless machine or a failure it opens nothing and says so, never throws.
   */
  static Browser desktop() {
    return uri -> {
      try {
        if (GraphicsEnvironment.isHeadless()
            || !Desktop.isDesktopSupported()
            || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
          return false;
        }
        Desktop.getDesktop().browse(uri);
        return true;
      } catch (IOException | RuntimeException e) { // UnsupportedOperation, Security, AWT errors
        return false;
      }
    };
  }
}
