package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One page of {@code GET /api/1.0/signings}. Krebit's reference says list endpoints put pagination
 * metadata under {@code meta} without naming its members; this client reads Laravel's, which the
 * tenant's API appears to follow: {@code meta.current_page}, {@code meta.last_page}, {@code
 * meta.total} and {@code links.next}. Immutable.
 *
 * @param signings the signings on this page, in Krebit's order
 * @param number this page's number, from 1
 * @param lastPage the number of the last page, when Krebit says
 * @param total how many signings there are on all pages, when Krebit says
 * @param hasNext whether a next page follows: {@code links.next} when Krebit sends it, else this
 *     page being before the last
 */
public record SigningPage(
    List<Signing> signings, int number, OptionalInt lastPage, OptionalLong total, boolean hasNext) {
  /**
   * Requires every member and copies {@code signings}: later changes to the given list do not show
   * here.
   */
  public SigningPage {
    signings = List.copyOf(requireNonNull(signings, "signings"));
    requireNonNull(lastPage, "lastPage");
    requireNonNull(total, "total");
  }
}
