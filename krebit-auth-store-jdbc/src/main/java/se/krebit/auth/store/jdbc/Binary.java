package se.krebit.auth.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The small binary format of what the stores encrypt: length-prefixed UTF-8 strings, instants to
 * the nanosecond, flags. Hand-written so the module needs no serialization library and the bytes
 * never depend on one's version.
 */
final class Binary {
  private Binary() {}

  /**
   * Bytes that do not decode: written by another version, or damaged after decryption succeeded.
   */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** Writes values in order; not thread-safe. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Writer writeByte(int value) {
      out.write(value);
      return this;
    }

    Writer writeBoolean(boolean value) {
      return writeByte(value ? 1 : 0);
    }

    Writer writeInt(int value) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write(value >>> shift);
      }
      return this;
    }

    Writer writeLong(long value) {
      writeInt((int) (value >>> 32));
      return writeInt((int) value);
    }

    Writer writeBytes(byte[] value) {
      writeInt(value.length);
      out.write(value, 0, value.length);
      return this;
    }

    Writer writeString(String value) {
      return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Writer writeOptionalString(Optional<String> value) {
      writeBoolean(value.isPresent());
      value.ifPresent(this::writeString);
      return this;
    }

    Writer writeInstant(Instant value) {
      writeLong(value.getEpochSecond());
      return writeInt(value.getNano());
    }

    /** Sorted, so equal sets always give equal bytes. */
    Writer writeStrings(Collection<String> values) {
      writeInt(values.size());
      new TreeSet<>(values).forEach(this::writeString);
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Reads values in the order they were written; not thread-safe. */
  static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    int readByte() {
      try {
        return in.get() & 0xff;
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    boolean readBoolean() {
      int value = readByte();
      if (value > 1) {
        throw new MalformedException("a flag is neither 0 nor 1");
      }
      return value == 1;
    }

    int readInt() {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    long readLong() {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    byte[] readBytes() {
      int length = readInt();
      if (length < 0 || length > in.remaining()) {
        throw truncated();
      }
      byte[] value = new byte[length];
      in.get(value);
      return value;
    }

    String readString() {
      return new String(readBytes(), StandardCharsets.UTF_8);
    }

    Optional<String> readOptionalString() {
      return readBoolean() ? Optional.of(readString()) : Optional.empty();
    }

    Instant readInstant() {
      long seconds = readLong();
      int nanos = readInt();
      try {
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (DateTimeException | ArithmeticException e) {
        throw new MalformedException("an instant is out of range");
      }
    }

    Set<String> readStrings() {
      int count = readInt();
      if (count < 0 || count > in.remaining() / Integer.BYTES) {
        throw truncated();
      }
      Set<String> values = new TreeSet<>();
      for (int i = 0; i < count; i++) {
        values.add(readString());
      }
      return values;
    }

    /** Checks that nothing follows the last value. */
    void end() {
      if (in.hasRemaining()) {
        throw new MalformedException(in.remaining() + " unexpected bytes after the record");
      }
    }

    private static MalformedException truncated() {
      return new MalformedException("the record is truncated");
    }
  }
}
