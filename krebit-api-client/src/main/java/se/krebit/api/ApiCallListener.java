package se.krebit.api;

/**
 * Hears each Krebit API call from its start, before its bearer token is fetched, to its end, for
 * tracing: a tracer that opens a span in {@link #callStarted} on the calling thread sees the token
 * wait and token request the call causes nest under it. One call covers its retries and the one
 * repeat after a 401.
 *
 * <p>Implementations must be thread-safe, fast and must not throw; an exception is logged and
 * ignored. Events carry no token values. The Micrometer adapter lives in {@code krebit-micrometer}.
 */
@FunctionalInterface
public interface ApiCallListener {
  /** Hears nothing; costs nothing. */
  ApiCallListener NONE = operation -> Call.NONE;

  /**
   * An API call starts, on the calling thread.
   *
   * @param operation which call: the interface and method, such as {@code MeApi.me} or {@code
   *     SigningsApi.create} (for your own Feign interfaces, their names), or {@code
   *     Signings.uploadDocument}; few distinct values, never an id
   * @return stopped once when the call ends
   */
  Call callStarted(String operation);

  /** One API call in progress. */
  @FunctionalInterface
  interface Call {
    /** Records nothing. */
    Call NONE = end -> {};

    /** The call ended with {@code end}. */
    void stopped(ApiCallEvent end);
  }
}
