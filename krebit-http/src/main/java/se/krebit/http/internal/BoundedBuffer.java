package se.krebit.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one response body, never more than {@code limit}: sized first for the declared
 * length, grown by doubling as a longer body arrives. Shared by the exchange, which receives a body
 * in chunks, and {@link se.krebit.http.ResponseBodies}, which reads one from a stream, so both
 * allocate alike. Not thread-safe: one reader fills it.
 */
public final class BoundedBuffer {
  /**
   * The first buffer for a body of unknown length (chunked), and the least a buffer grows to: API
   * answers are mostly small.
   */
  private static final int UNKNOWN_LENGTH_BUFFER = 1024;

  /** The largest buffer allocated before any byte of the body has arrived. */
  private static final int MAX_FIRST_BUFFER = 64 * 1024;

  private final int limit;
  private byte[] buffer;
  private int length;

  /**
   * @param declared the declared Content-Length, negative when unknown
   * @param limit the most bytes kept
   */
  public BoundedBuffer(long declared, int limit) {
    this.limit = limit;
    // One byte more than declared, so that the end is seen without growing; a declared length is
    // only the server's word, so what is allocated before the bytes arrive stays bounded.
    long first = declared < 0 ? UNKNOWN_LENGTH_BUFFER : declared + 1;
    this.buffer = new byte[(int) Math.min(Math.min(first, limit), MAX_FIRST_BUFFER)];
  }

  /** Whether {@code limit} bytes are in: nothing more is taken. */
  public boolean isFull() {
    return length == limit;
  }

  /** Takes what fits of {@code item}, up to the limit. */
  public void put(ByteBuffer item) {
    while (item.hasRemaining() && ensureRoom()) {
      int take = Math.min(item.remaining(), buffer.length - length);
      item.get(buffer, length, take);
      length += take;
    }
  }

  /** Reads {@code in} to its end or up to the limit, whichever comes first. */
  public void readFrom(InputStream in) throws IOException {
    while (ensureRoom()) {
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        return;
      }
      length += read;
    }
  }

  /** The bytes taken so far. */
  public byte[] toArray() {
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /** Grows a full buffer unless the limit is reached; false when nothing more may be taken. */
  private boolean ensureRoom() {
    if (length < buffer.length) {
      return true;
    }
    if (length == limit) {
      return false;
    }
    buffer =
        Arrays.copyOf(buffer, (int) Math.min(Math.max(2L * length, UNKNOWN_LENGTH_BUFFER), limit));
    return true;
  }
}
