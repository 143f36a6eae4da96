package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.EpssThreshold;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpssThresholdTest {

    private static Finding scored(Finding finding, double score, double percentile) {
        Vulnerability v = finding.vulnerability();
        Vulnerability withEpss = new Vulnerability(
                v.id(),
                v.aliases(),
                v.severity(),
                v.severitySource(),
                v.ratings(),
                v.published(),
                v.modified(),
                Optional.of(new Epss(score, percentile, Optional.of(LocalDate.of(2025, 8, 25)))),
                v.knownExploited(),
                v.title(),
                v.cwes(),
                v.primaryUrl());
        return new Finding(withEpss, finding.pkg(), finding.fix(), finding.target());
    }

    private static final Finding AT_THRESHOLD =
            scored(fixable("CVE-2025-1", Severity.MEDIUM, "curl", "7.88.1", "7.88.2"), 0.5, 0.97);
    private static final Finding JUST_BELOW =
            scored(fixable("CVE-2025-2", Severity.HIGH, "zlib", "1.2.11", "1.2.12"), 0.49999, 0.96);
    private static final Finding UNSCORED =
            fixable("GHSA-aaaa-bbbb-cccc", Severity.CRITICAL, "lodash", "4.17.20", "4.17.21");

    private static Verdict evaluate(Rule rule, ImageRecord record) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, rule).build())
                .evaluate(record, Stage.DEPLOY, T0);
    }

    @Test
    void violatesAtOrAboveTheScoreThreshold() {
        Verdict verdict =
                evaluate(EpssThreshold.score(0.5), record(report("Trivy", T0, AT_THRESHOLD, JUST_BELOW, UNSCORED)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("epss");
            assertThat(v.vulnerabilityId()).contains("CVE-2025-1");
            assertThat(v.clock()).isEmpty();
            assertThat(v.deadline()).isEmpty();
            assertThat(v.message())
                    .isEqualTo("CVE-2025-1 MEDIUM in curl 7.88.1 has EPSS score 0.5 (percentile 0.97,"
                            + " 2025-08-25), at or above the score threshold 0.5; fixed in 7.88.2");
        });
        assertThat(verdict.actions()).extracting(Action::subject).containsExactly(Optional.of("curl"));
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void violatesAtOrAboveThePercentileThreshold() {
        Verdict verdict =
                evaluate(EpssThreshold.percentile(0.965), record(report("Trivy", T0, AT_THRESHOLD, JUST_BELOW)));

        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-1");
        assertThat(verdict.violations().get(0).message()).contains("at or above the percentile threshold 0.965");
    }

    @Test
    void violatesWhenEitherThresholdIsReached() {
        Verdict verdict = evaluate(
                EpssThreshold.score(0.9).withPercentile(0.95), record(report("Trivy", T0, AT_THRESHOLD, JUST_BELOW)));

        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-1", "CVE-2025-2");
    }

    @Test
    void leavesFindingsWithoutEpssAndOtherFixStatesAlone() {
        Finding unfixedButLikely = scored(unfixed("CVE-2025-3", Severity.LOW, "bash", "5.2"), 0.9, 0.99);

        Verdict verdict = evaluate(
                EpssThreshold.score(0.01).fixableOnly(), record(report("Trivy", T0, UNSCORED, unfixedButLikely)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void doesNotChangeWithTime() {
        ImageRecord record = record(report("Trivy", T0, AT_THRESHOLD));
        PolicyEngine engine = PolicyEngine.of(Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE, EpssThreshold.score(0.5))
                .build());

        Verdict now = engine.evaluate(record, Stage.DEPLOY, T0);
        Verdict muchLater = engine.evaluate(record, Stage.DEPLOY, T0.plus(Duration.ofDays(3650)));

        assertThat(muchLater.violations()).isEqualTo(now.violations());
        assertThat(now.nextChange()).isEmpty();
    }

    @Test
    void refusesThresholdsOutsideZeroToOne() {
        assertThatThrownBy(() -> EpssThreshold.score(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EPSS score threshold must lie in (0, 1], got 0.0");
        assertThatThrownBy(() -> EpssThreshold.percentile(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpssThreshold.score(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsFromAPolicyFile() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  deploy:
                    mode: enforce
                    rules:
                      - {rule: epss, score: 0.1}
                      - {rule: epss, id: epss-top, percentile: 0.95, score: 0.5, fix-states: [fixed], effect: warn}
                """);

        assertThat(policy.stage(Stage.DEPLOY).orElseThrow().rules())
                .containsExactly(
                        EpssThreshold.score(0.1),
                        EpssThreshold.score(0.5)
                                .withPercentile(0.95)
                                .withId("epss-top")
                                .fixableOnly()
                                .withEffect(Effect.WARN));
    }

    @Test
    void reportsBadThresholdsWhereTheyAre() {
        assertThatThrownBy(() -> Policies.parse("policy.yaml", """
                stages:
                  deploy:
                    mode: enforce
                    rules:
                      - {rule: epss, score: 1.5}
                      - {rule: epss, percentile: high}
                      - {rule: epss}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(
                        "policy.yaml:5:29 (/stages/deploy/rules/0/score): EPSS score threshold must lie in"
                                + " (0, 1], got 1.5")
                .hasMessageContaining("(/stages/deploy/rules/1/percentile): bad number \"high\": expected a decimal"
                        + " number such as 0.1")
                .hasMessageContaining("(/stages/deploy/rules/2): rule epss needs a score, a percentile or both");
    }
}
