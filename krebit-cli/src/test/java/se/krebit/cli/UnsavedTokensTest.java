package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.cli.StoredRecords.ALICE;
import static se.krebit.cli.StoredRecords.leased;
import static se.krebit.cli.StoredRecords.record;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;

class UnsavedTokensTest {
  private final UnsavedTokens unsaved = new UnsavedTokens();

  @Test
  void aRotationWhoseWriteFailedIsUnsaved() {
    TokenRecord claimed = leased(record("r1"));
    unsaved.loaded(ALICE, Optional.of(new StoredTokens(ALICE, claimed, 2)));

    unsaved.failed(ALICE, 2, record("r2"));

    assertThat(unsaved.snapshot()).containsEntry(ALICE, new UnsavedTokens.Unsaved(2, record("r2")));
  }

  @Test
  void aSignInWhoseWriteFailedIsUnsaved() {
    unsaved.loaded(ALICE, Optional.empty());

    unsaved.failed(ALICE, 0, record("r1"));

    assertThat(unsaved.snapshot()).containsKey(ALICE);
  }

  @Test
  void writesThatCarryNoNewRefreshTokenAreNotTracked() {
    TokenRecord stored = record("r1");
    unsaved.loaded(ALICE, Optional.of(new StoredTokens(ALICE, stored, 1)));

    unsaved.failed(ALICE, 1, leased(stored)); // taking the lease
    unsaved.failed(ALICE, 1, stored.withoutLease()); // releasing it
    unsaved.failed(ALICE, 1, stored.requiringReauthorization()); // marking a refused one

    assertThat(unsaved.snapshot()).isEmpty();
  }

  @Test
  void aRotationThatLostItsCompareAndSetIsUnsaved() {
    unsaved.loaded(ALICE, Optional.of(new StoredTokens(ALICE, leased(record("r1")), 2)));

    unsaved.answered(ALICE, 2, record("r2"), Optional.empty());

    assertThat(unsaved.snapshot()).containsKey(ALICE);
  }

  @Test
  void aLaterWriteOfTheSameRefreshTokenSettlesIt() {
    unsaved.loaded(ALICE, Optional.empty());
    unsaved.answered(ALICE, 0, record("r1"), Optional.empty()); // another sign-in wrote first

    unsaved.answered(ALICE, 1, record("r1"), Optional.of(new StoredTokens(ALICE, record("r1"), 2)));

    assertThat(unsaved.snapshot()).isEmpty();
  }

  @Test
  void aSignOutForgetsIt() {
    unsaved.failed(ALICE, 0, record("r1"));

    unsaved.forget(ALICE);

    assertThat(unsaved.snapshot()).isEmpty();
  }
}
