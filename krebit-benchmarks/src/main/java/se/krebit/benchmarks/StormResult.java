package se.krebit.benchmarks;

/**
 * What one release of callers observed.
 *
 * @param scenario which state the library was in when the callers were released
 * @param contender the library
 * @param callers how many callers were released together
 * @param requests token requests the library issued from the release on (priming excluded)
 * @param slowestWaitNanos the longest any one caller spent inside its token call
 * @param medianWaitNanos the median caller's time inside its token call
 * @param releaseToLastNanos from the release to the last caller's return, thread wake-up included
 * @param callersWhoWaited callers whose call took at least half the token endpoint's latency: those
 *     that, in all likelihood, waited for a token request rather than being served from the cache
 * @param servedOldToken callers that got the token cached before the release (refresh-ahead: they
 *     were served while the refresh was in flight, not made to wait for it); 0 when cold
 * @param failures callers that got an exception or had not returned within the harness's bound
 */
public record StormResult(
    RefreshStorm.Scenario scenario,
    Contender contender,
    int callers,
    int requests,
    long slowestWaitNanos,
    long medianWaitNanos,
    long releaseToLastNanos,
    int callersWhoWaited,
    int servedOldToken,
    int failures) {

  /** The CSV line {@link StormTable#csv} writes and {@link #fromCsv} reads. */
  String toCsv() {
    return String.join(
        ",",
        scenario.name(),
        contender.name(),
        Integer.toString(callers),
        Integer.toString(requests),
        Long.toString(slowestWaitNanos),
        Long.toString(medianWaitNanos),
        Long.toString(releaseToLastNanos),
        Integer.toString(callersWhoWaited),
        Integer.toString(servedOldToken),
        Integer.toString(failures));
  }

  static StormResult fromCsv(String line) {
    String[] f = line.split(",");
    return new StormResult(
        RefreshStorm.Scenario.valueOf(f[0]),
        Contender.valueOf(f[1]),
        Integer.parseInt(f[2]),
        Integer.parseInt(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Integer.parseInt(f[7]),
        Integer.parseInt(f[8]),
        Integer.parseInt(f[9]));
  }
}
