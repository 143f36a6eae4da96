package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Stage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Violation BLOCKING =
            Violation.builder("image-age", "too old").build();
    private static final Violation WARNING = BLOCKING.withEffect(Effect.WARN);

    private static Verdict verdict(Mode mode, Outcome outcome, List<Violation> violations, Optional<Forecast> next) {
        return new Verdict(
                Stage.RUN, mode, T0, outcome, violations, List.of(), List.of(), List.of(), List.of(), next, List.of());
    }

    @Test
    void derivesTheOutcomeFromTheViolations() {
        assertThat(Verdict.outcomeOf(List.of())).isEqualTo(Outcome.PASS);
        assertThat(Verdict.outcomeOf(List.of(WARNING))).isEqualTo(Outcome.WARN);
        assertThat(Verdict.outcomeOf(List.of(WARNING, BLOCKING))).isEqualTo(Outcome.FAIL);
    }

    @Test
    void refusesAnOutcomeThatDoesNotFollowOrAForecastInThePast() {
        assertThatThrownBy(() -> verdict(Mode.ENFORCE, Outcome.PASS, List.of(WARNING), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verdict(Mode.WARN, Outcome.FAIL, List.of(BLOCKING), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verdict(Mode.ENFORCE, Outcome.PASS, List.of(), Optional.of(new Forecast(T0, "now"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesViolationsWithoutRuleOrMessageAndActionsWithoutReason() {
        assertThatThrownBy(() -> Violation.builder(" ", "m").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Action.rebuild(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Action(
                        Action.Kind.BUMP, Optional.empty(), Optional.empty(), Optional.empty(), List.of("r")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsTheViolationsOfOneRule() {
        Violation sla = Violation.builder("sla", "late").build();

        assertThat(verdict(Mode.ENFORCE, Outcome.FAIL, List.of(BLOCKING, sla), Optional.empty())
                        .violationsOf("sla"))
                .containsExactly(sla);
    }

    @Test
    void buildsAVerdictWhoseOutcomeFollowsFromItsViolations() {
        Forecast next = new Forecast(T0.plusSeconds(60), "a deadline passes");

        Verdict failing = Verdict.builder(Stage.DEPLOY, Mode.ENFORCE, T0)
                .violations(List.of(WARNING, BLOCKING))
                .nextChange(next)
                .build();
        Verdict warned = Verdict.builder(Stage.DEPLOY, Mode.WARN, T0)
                .violations(List.of(WARNING))
                .build();

        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.nextChange()).contains(next);
        assertThat(warned.outcome()).isEqualTo(Outcome.WARN);
        assertThat(warned.nextChange()).isEmpty();
        assertThat(Verdict.builder(Stage.RUN, Mode.ENFORCE, T0).build().outcome())
                .isEqualTo(Outcome.PASS);
        assertThatThrownBy(() -> Verdict.builder(Stage.RUN, Mode.WARN, T0)
                        .violations(List.of(BLOCKING))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot fail");
    }
}
