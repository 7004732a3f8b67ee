package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentScriptTest {
  @Test
  void queuedDecisionsComeBeforeTheStandingOne() {
    ConsentScript script = new ConsentScript(List.of(), Map.of());
    script.deny();
    script.approveNextAs("alice", Set.of("signer"));

    assertThat(script.next()).contains(new ConsentDecision.Approve("alice", Set.of("signer")));
    assertThat(script.next()).contains(new ConsentDecision.Deny(ConsentScript.DENIED));
    assertThat(script.next()).contains(new ConsentDecision.Deny(ConsentScript.DENIED));
  }

  @Test
  void nothingScriptedMeansTheConsentPage() {
    ConsentScript script = new ConsentScript(List.of(), Map.of("bob", Set.of("reader")));

    assertThat(script.next()).isEmpty();
    assertThat(script.suggestedUser()).isEqualTo("bob");
  }

  @Test
  void resetComesBackToTheAutoApprovalWithTheUsersRoles() {
    ConsentScript script = new ConsentScript(List.of("alice"), Map.of("alice", Set.of("signer")));
    script.showConsentPage();
    assertThat(script.next()).isEmpty();

    script.reset();

    assertThat(script.next()).contains(new ConsentDecision.Approve("alice", Set.of("signer")));
    assertThat(script.suggestedUser()).isEqualTo("alice");
  }

  @Test
  void severalAutoApprovedUsersAreChosenByTheLoginHintAndTheFirstIsTheDefault() {
    ConsentScript script =
        new ConsentScript(List.of("alice", "bob"), Map.of("bob", Set.of("signer")));

    assertThat(script.next(Optional.of("bob")))
        .contains(new ConsentDecision.Approve("bob", Set.of("signer")));
    assertThat(script.next(Optional.empty()))
        .contains(new ConsentDecision.Approve("alice", Set.of()));
    assertThat(script.next(Optional.of("mallory")))
        .as("a hint naming someone else: the consent page")
        .isEmpty();
  }

  @Test
  void aScriptedDecisionOutranksTheAutoApprovalAndTheHint() {
    ConsentScript script = new ConsentScript(List.of("alice", "bob"), Map.of());
    script.denyNext();

    assertThat(script.next(Optional.of("bob")))
        .contains(new ConsentDecision.Deny(ConsentScript.DENIED));
    assertThat(script.next(Optional.of("bob")))
        .contains(new ConsentDecision.Approve("bob", Set.of()));
  }
}
