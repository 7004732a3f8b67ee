package se.krebit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap of this JVM by class, as {@code jcmd <pid> GC.class_histogram} prints it: taken
 * through the DiagnosticCommand MBean, which runs a full GC first, so only reachable objects count.
 *
 * @param bytesByClass shallow bytes of every live instance, by class name
 * @param totalBytes their sum
 */
record ClassHistogram(Map<String, Long> bytesByClass, long totalBytes) {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

  /** A histogram after a full GC (two, in fact: one by us, one by the command). */
  static ClassHistogram take() {
    System.gc();
    String text;
    try {
      text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("this JVM offers no class histogram", e);
    }
    Map<String, Long> bytes = new HashMap<>();
    long total = 0;
    for (String line : text.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        long b = Long.parseLong(row.group(2));
        bytes.merge(row.group(3), b, Long::sum);
        total += b;
      }
    }
    return new ClassHistogram(Map.copyOf(bytes), total);
  }

  /** Bytes per class that {@code this} holds beyond {@code earlier}. */
  Map<String, Long> minus(ClassHistogram earlier) {
    Map<String, Long> delta = new HashMap<>(bytesByClass);
    earlier.bytesByClass.forEach((name, b) -> delta.merge(name, -b, Long::sum));
    delta.values().removeIf(b -> b == 0);
    return delta;
  }
}
