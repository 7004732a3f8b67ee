package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.krebit.testkit.TokenFamily.Redemption;

/** The redemption rules of one family, without HTTP. */
class TokenFamilyTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final UserPrincipal ALICE =
      new UserPrincipal("alice", "demo-client", Set.of(), List.of(), "fam_0123456789abcdef");
  private final FamilyRevocations revocations = new FamilyRevocations();

  private TokenFamily family(
      RefreshTokenRotation rotation, Duration grace, Optional<Duration> lifetime) {
    return new TokenFamily(
        ALICE, new RefreshSettings(rotation, grace, lifetime), revocations, "t0", T0);
  }

  @Test
  void rotatesTheCurrentTokenAndTreatsAnyOlderOneAsReuse() {
    TokenFamily family = family(RefreshTokenRotation.ROTATE, Duration.ZERO, Optional.empty());

    String t1 = ((Redemption.Rotated) family.redeem("t0", T0)).next();
    String t2 = ((Redemption.Rotated) family.redeem(t1, T0)).next();

    assertThat(t1).isNotEqualTo("t0").isNotEqualTo(t2);
    assertThat(revocations.isRevoked(ALICE.familyId())).isFalse();
    assertThat(family.redeem(t1, T0)).isInstanceOf(Redemption.Reused.class);
    assertThat(revocations.isRevoked(ALICE.familyId())).isTrue();
    assertThat(family.redeem(t2, T0)).isInstanceOf(Redemption.Refused.class);
  }

  @Test
  void theGraceAcceptsTheTokenRetiredLastOnceWithinItsWindow() {
    TokenFamily family =
        family(RefreshTokenRotation.ROTATE, Duration.ofSeconds(5), Optional.empty());
    String t1 = ((Redemption.Rotated) family.redeem("t0", T0)).next();

    Redemption replay = family.redeem("t0", T0.plusSeconds(4));

    assertThat(replay).isEqualTo(new Redemption.Replayed(t1));
    assertThat(family.redeem("t0", T0.plusSeconds(4))).isInstanceOf(Redemption.Reused.class);
  }

  @Test
  void theGraceEndsAtItsDeadlineAndWithTheNextRotation() {
    TokenFamily late = family(RefreshTokenRotation.ROTATE, Duration.ofSeconds(5), Optional.empty());
    late.redeem("t0", T0);
    assertThat(late.redeem("t0", T0.plusSeconds(5))).isInstanceOf(Redemption.Reused.class);

    revocations.clear();
    TokenFamily rotatedAgain =
        family(RefreshTokenRotation.ROTATE, Duration.ofSeconds(5), Optional.empty());
    String t1 = ((Redemption.Rotated) rotatedAgain.redeem("t0", T0)).next();
    String t2 = ((Redemption.Rotated) rotatedAgain.redeem(t1, T0)).next();
    assertThat(rotatedAgain.redeem("t0", T0)).isInstanceOf(Redemption.Reused.class);
    assertThat(t2).isNotNull();
  }

  @Test
  void withoutRotationTheTokenIsKept() {
    TokenFamily family =
        family(RefreshTokenRotation.KEEP_AND_OMIT, Duration.ZERO, Optional.empty());

    assertThat(family.redeem("t0", T0)).isEqualTo(new Redemption.Kept("t0"));
    assertThat(family.redeem("t0", T0.plusSeconds(3600))).isEqualTo(new Redemption.Kept("t0"));
  }

  @Test
  void aTokenExpiresAtTheEndOfItsLifetimeWithoutRevokingTheFamily() {
    TokenFamily family =
        family(RefreshTokenRotation.ROTATE, Duration.ZERO, Optional.of(Duration.ofMinutes(1)));

    assertThat(family.redeem("t0", T0.plusSeconds(60))).isInstanceOf(Redemption.Refused.class);
    assertThat(revocations.isRevoked(ALICE.familyId())).isFalse();
    assertThat(family.redeem("t0", T0.plusSeconds(59))).isInstanceOf(Redemption.Rotated.class);
  }

  @Test
  void neverShowsATokenInToString() {
    TokenFamily family = family(RefreshTokenRotation.ROTATE, Duration.ZERO, Optional.empty());
    Redemption rotated = family.redeem("t0", T0);

    assertThat(rotated.toString()).doesNotContain(((Redemption.Rotated) rotated).next());
  }
}
