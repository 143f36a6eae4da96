package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRecord;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.BaseImageCurrent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseImageCurrentTest {

    private static final String OLD = "sha256:1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f";
    private static final String NEW = "sha256:2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";
    private static final BaseImage BASE = BaseImage.of("python:3.12-slim", OLD);
    private static final Instant MOVED = days(3);
    private static final Instant GRACE_ENDS = MOVED.plus(Duration.ofDays(7));
    private static final ImageRecord RECORD = record(report("Trivy", T0));
    private static final PolicyEngine ENGINE = engine(BaseImageCurrent.within(Duration.ofDays(7)));

    private static PolicyEngine engine(Rule rule) {
        return PolicyEngine.of(
                Policy.builder().stage(Stage.RUN, Mode.ENFORCE, rule).build());
    }

    private static EvaluationContext knowing(BaseImageStatus status) {
        return EvaluationContext.none().withBaseImage(status);
    }

    @Test
    void passesBeforeTheGracePeriodEndsAndForecastsItsEnd() {
        Verdict verdict = ENGINE.evaluate(
                RECORD, Stage.RUN, GRACE_ENDS.minusSeconds(1), knowing(BaseImageStatus.of(BASE, NEW, MOVED)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.actions()).isEmpty();
        assertThat(verdict.nextChange())
                .contains(new Forecast(
                        GRACE_ENDS,
                        "the base image python:3.12-slim moved from"
                                + " sha256:1f1f1f1f1f1f to sha256:2a2a2a2a2a2a (first seen 2026-01-04T00:00:00Z), reaches its 7d grace"
                                + " period (base-image-current)"));
    }

    @Test
    void asksToUpdateTheBaseAndRebuildFromTheEndOfTheGracePeriod() {
        Verdict verdict = ENGINE.evaluate(RECORD, Stage.RUN, GRACE_ENDS, knowing(BaseImageStatus.of(BASE, NEW, MOVED)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("base-image-current");
            assertThat(v.finding()).isEmpty();
            assertThat(v.clock()).contains("base-moved");
            assertThat(v.clockValue()).contains(MOVED);
            assertThat(v.deadline()).contains(GRACE_ENDS);
            assertThat(v.message())
                    .isEqualTo("the base image python:3.12-slim moved from sha256:1f1f1f1f1f1f to"
                            + " sha256:2a2a2a2a2a2a (first seen 2026-01-04T00:00:00Z), passed its 7d grace period on"
                            + " 2026-01-11T00:00:00Z");
        });
        assertThat(verdict.actions())
                .extracting(Action::kind, Action::subject)
                .containsExactly(
                        tuple(Action.Kind.REBUILD, Optional.empty()),
                        tuple(Action.Kind.UPDATE_BASE_IMAGE, Optional.of("python:3.12-slim")));
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void passesWithoutForecastWhileTheTagStillPointsWhereItDidAtBuildTime() {
        Verdict verdict = ENGINE.evaluate(RECORD, Stage.RUN, T0, knowing(BaseImageStatus.of(BASE, OLD, T0)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void treatsWhatItCannotTellAsUnknown() {
        BaseImageStatus noBuildDigest = BaseImageStatus.of(BaseImage.of("python:3.12-slim", null), NEW, MOVED);
        BaseImageStatus unresolved = BaseImageStatus.unresolved(BASE);

        assertThat(ENGINE.evaluate(RECORD, Stage.RUN, T0).violations())
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("the base image's current digest was not given, so its 7d grace period cannot be checked"
                        + " (when-unknown: fail)");
        assertThat(ENGINE.evaluate(RECORD, Stage.RUN, T0, knowing(noBuildDigest))
                        .violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("the base image python:3.12-slim has no known digest");
        assertThat(ENGINE.evaluate(RECORD, Stage.RUN, T0, knowing(unresolved)).violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("where the base image python:3.12-slim points now is unknown");
        assertThat(ENGINE.evaluate(RECORD, Stage.RUN, T0, knowing(unresolved)).actions())
                .isEmpty();
        assertThat(engine(BaseImageCurrent.within(Duration.ofDays(7)).whenUnknown(Treatment.IGNORE))
                        .evaluate(RECORD, Stage.RUN, T0, knowing(unresolved))
                        .outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void stillAsksForTheUpdateWhenTheMoveIsKnownButNotSinceWhen() {
        BaseImageStatus sinceUnknown =
                new BaseImageStatus("python:3.12-slim", Optional.of(OLD), Optional.of(NEW), Optional.empty());

        Verdict verdict = engine(BaseImageCurrent.within(Duration.ofDays(7)).whenUnknown(Treatment.WARN))
                .evaluate(RECORD, Stage.RUN, T0, knowing(sinceUnknown));

        assertThat(verdict.outcome()).isEqualTo(Outcome.WARN);
        assertThat(verdict.violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .contains(
                        "moved from sha256:1f1f1f1f1f1f to sha256:2a2a2a2a2a2a, but when it was first seen there is unknown");
        assertThat(verdict.actions())
                .extracting(Action::kind)
                .containsExactly(Action.Kind.REBUILD, Action.Kind.UPDATE_BASE_IMAGE);
    }

    @Test
    void loadsFromAPolicyFileAndRequiresAGracePeriod() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  run:
                    mode: warn
                    rules:
                      - {rule: base-image-current, grace: 7d, when-unknown: ignore}
                """);

        assertThat(policy.stage(Stage.RUN).orElseThrow().rules())
                .containsExactly(BaseImageCurrent.within(Duration.ofDays(7)).whenUnknown(Treatment.IGNORE));
        assertThatThrownBy(() -> Policies.parse("policy.yaml", """
                stages:
                  run:
                    mode: warn
                    rules:
                      - {rule: base-image-current}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("(/stages/run/rules/0): missing key \"grace\" in rule base-image-current");
    }

    @Test
    void refusesBlankDigests() {
        assertThatThrownBy(() ->
                        new BaseImageStatus("python:3.12-slim", Optional.of(" "), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
