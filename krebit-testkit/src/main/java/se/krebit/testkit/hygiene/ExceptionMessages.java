package se.krebit.testkit.hygiene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the message of every exception constructed in this JVM while it runs, with Java Flight
 * Recorder's exception events: including exceptions a test caught and asserted on, which no log
 * capture would see. Only exceptions of Krebit's own classes are kept: library-internal exceptions
 * that Krebit catches and never passes on are not a leak.
 */
final class ExceptionMessages implements AutoCloseable {
  private static final String OURS = "se.krebit.";

  private final Recording recording = new Recording();

  ExceptionMessages() {
    recording.enable("jdk.JavaExceptionThrow").withoutStackTrace();
    recording.enable("jdk.JavaErrorThrow").withoutStackTrace();
    recording.setToDisk(true);
    recording.start();
  }

  /** Stops recording; each message as "ClassName: message". */
  List<String> stop() {
    recording.stop();
    try {
      Path dump = Files.createTempFile("krebit-hygiene", ".jfr");
      try {
        recording.dump(dump);
        List<String> messages = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
          RecordedClass thrown = event.getValue("thrownClass");
          String message = event.getString("message");
          if (thrown != null && message != null && thrown.getName().startsWith(OURS)) {
            messages.add(thrown.getName() + ": " + message);
          }
        }
        return messages;
      } finally {
        Files.deleteIfExists(dump);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the exception recording", e);
    }
  }

  @Override
  public void close() {
    recording.close();
  }
}
