package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.debFinding;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.rule.NoNewFindings;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoNewFindingsTest {

    private static final Stage PR = Stage.of("pr");

    /** Mainline: openssl 3.0.11 with one known vulnerability, zlib 1.2.13 with one. */
    private static final Baseline MAIN = Baseline.of(List.of(report(
            "Trivy",
            T0,
            debFinding("CVE-2023-5678", Severity.MEDIUM, "openssl", "3.0.11", "3.0.13"),
            debFinding("CVE-2023-45853", Severity.CRITICAL, "zlib1g", "1.2.13", "1.2.13.1"))));

    /**
     * The pull request: openssl unchanged with a vulnerability disclosed since, zlib unchanged,
     * curl newly added.
     */
    private static final ImageRecord PULL_REQUEST = record(report(
            "Trivy",
            days(2),
            debFinding("CVE-2023-5678", Severity.MEDIUM, "openssl", "3.0.11", "3.0.13"),
            debFinding("CVE-2024-0727", Severity.HIGH, "openssl", "3.0.11", "3.0.13"),
            debFinding("CVE-2023-45853", Severity.CRITICAL, "zlib1g", "1.2.13", "1.2.13.1"),
            debFinding("CVE-2024-2398", Severity.HIGH, "curl", "7.88.1", "7.88.1-10+deb12u6"),
            unfixed("CVE-2024-7264", Severity.LOW, "curl", "7.88.1")));

    private static Verdict evaluate(NoNewFindings rule, ImageRecord record, Baseline baseline) {
        return PolicyEngine.of(Policy.builder().stage(PR, Mode.ENFORCE, rule).build())
                .evaluate(record, PR, days(3), EvaluationContext.none().withBaseline(baseline));
    }

    @Test
    void blocksOnlyWhatTheChangeIntroducedAndWarnsAboutWhatWasNewlyDisclosed() {
        Verdict verdict = evaluate(NoNewFindings.of(), PULL_REQUEST, MAIN);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow(), Violation::effect)
                .containsExactly(
                        tuple("CVE-2024-0727", Effect.WARN),
                        tuple("CVE-2024-2398", Effect.BLOCK),
                        tuple("CVE-2024-7264", Effect.BLOCK));
        assertThat(verdict.violations())
                .extracting(Violation::message)
                .containsExactly(
                        "CVE-2024-0727 HIGH in openssl 3.0.11 is newly disclosed: the baseline has openssl at this version without it"
                                + " (newly-disclosed: warn); fixed in 3.0.13",
                        "CVE-2024-2398 HIGH in curl 7.88.1 is introduced by this change (the baseline's reports do not name curl);"
                                + " fixed in 7.88.1-10+deb12u6",
                        "CVE-2024-7264 LOW in curl 7.88.1 is introduced by this change (the baseline's reports do not name curl);"
                                + " no fix available (NOT_FIXED)");
        assertThat(verdict.actions())
                .extracting(Action::kind, a -> a.subject().orElse(""))
                .containsExactly(
                        tuple(Action.Kind.REBUILD, ""),
                        tuple(Action.Kind.BUMP, "curl"),
                        tuple(Action.Kind.BUMP, "openssl"));
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void namesTheBaselineVersionOfAPackageTheChangeMoved() {
        ImageRecord bumped = record(
                report("Trivy", days(2), debFinding("CVE-2024-0727", Severity.HIGH, "openssl", "3.0.12", "3.0.13")));

        Verdict verdict = evaluate(NoNewFindings.of(), bumped, MAIN);

        assertThat(verdict.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .isEqualTo(
                                "CVE-2024-0727 HIGH in openssl 3.0.12 is introduced by this change (the baseline has openssl 3.0.11);"
                                        + " fixed in 3.0.13"));
    }

    @Test
    void countsOnlyFindingsOfTheMinimumSeverityAndFixStatesAndTreatsNewlyDisclosedAsConfigured() {
        NoNewFindings rule =
                NoNewFindings.of().atLeast(Severity.HIGH).fixableOnly().newlyDisclosed(Treatment.FAIL);
        NoNewFindings ignoringDisclosures = NoNewFindings.of()
                .newlyDisclosed(Treatment.IGNORE)
                .fixStates(Set.of(FixState.NOT_FIXED))
                .withEffect(Effect.WARN)
                .withId("pr-gate");

        Verdict strict = evaluate(rule, PULL_REQUEST, MAIN);
        Verdict lenient = evaluate(ignoringDisclosures, PULL_REQUEST, MAIN);

        assertThat(strict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow(), Violation::effect)
                .containsExactly(tuple("CVE-2024-0727", Effect.BLOCK), tuple("CVE-2024-2398", Effect.BLOCK));
        assertThat(lenient.outcome()).isEqualTo(Outcome.WARN);
        assertThat(lenient.violations())
                .extracting(Violation::ruleId, v -> v.vulnerabilityId().orElseThrow())
                .containsExactly(tuple("pr-gate", "CVE-2024-7264"));
    }

    @Test
    void treatsAnEvaluationWithoutABaselineAsConfigured() {
        Policy policy =
                Policy.builder().stage(PR, Mode.ENFORCE, NoNewFindings.of()).build();
        Policy failClosed = Policy.builder()
                .stage(PR, Mode.ENFORCE, NoNewFindings.of().whenNoBaseline(Treatment.FAIL))
                .build();
        Policy ignore = Policy.builder()
                .stage(PR, Mode.ENFORCE, NoNewFindings.of().whenNoBaseline(Treatment.IGNORE))
                .build();

        Verdict warned = PolicyEngine.of(policy).evaluate(PULL_REQUEST, PR, days(3));
        Verdict failed = PolicyEngine.of(failClosed).evaluate(PULL_REQUEST, PR, days(3));
        Verdict passed = PolicyEngine.of(ignore).evaluate(PULL_REQUEST, PR, days(3));

        assertThat(warned.outcome()).isEqualTo(Outcome.WARN);
        assertThat(warned.violations()).singleElement().satisfies(v -> {
            assertThat(v.finding()).isEmpty();
            assertThat(v.message())
                    .isEqualTo("no baseline to compare with, so introduced findings cannot be told from"
                            + " existing ones (when-no-baseline: warn)");
        });
        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(passed.violations()).isEmpty();
    }

    @Test
    void judgesWhatWaiversLeaveAndComparesTheLatestReportOfEachScannerOnBothSides() {
        Waiver curl = Waiver.builder("SEC-7")
                .pkg("curl")
                .owner("team-shop")
                .reason("curl is removed next sprint")
                .expires(Instant.parse("2026-02-01T00:00:00Z"))
                .build();
        Policy policy = Policy.builder()
                .stage(PR, Mode.ENFORCE, NoNewFindings.of())
                .waiver(curl)
                .build();
        Baseline mainHistory = Baseline.of(List.of(
                report("Trivy", days(-30), debFinding("CVE-2024-0727", Severity.HIGH, "openssl", "3.0.11", "3.0.13")),
                MAIN.reports().get(0)));

        Verdict verdict = PolicyEngine.of(policy)
                .evaluate(PULL_REQUEST, PR, days(3), EvaluationContext.none().withBaseline(mainHistory));

        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2024-0727");
        assertThat(verdict.waiversApplied())
                .singleElement()
                .satisfies(w -> assertThat(w.findings()).hasSize(2));
    }

    @Test
    void givesOneViolationPerVulnerabilityWithEveryScannersSighting() {
        ImageRecord twoScanners = record(
                report(
                        "Trivy",
                        days(2),
                        fixable("CVE-2024-2398", Severity.HIGH, "curl", "7.88.1", "7.88.1-10+deb12u6")),
                report(
                        "Grype",
                        days(2),
                        fixable("CVE-2024-2398", Severity.MEDIUM, "curl", "7.88.1", "7.88.1-10+deb12u6")));

        Verdict verdict = evaluate(NoNewFindings.of(), twoScanners, MAIN);

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.severity()).contains(Severity.HIGH);
            assertThat(v.group())
                    .hasValueSatisfying(group -> assertThat(group.scanners()).containsExactly("Trivy", "Grype"));
        });
    }

    @Test
    void loadsFromAPolicyFileKeyByKey() {
        Policy loaded = Policies.parse("policy.yaml", """
                stages:
                  pr:
                    mode: enforce
                    rules:
                      - rule: no-new-findings
                        minimum: high
                        fix-states: [fixed]
                        newly-disclosed: ignore
                        when-no-baseline: fail
                  build:
                    mode: enforce
                    rules:
                      - {rule: no-new-findings, id: pr-gate, effect: warn}
                """);

        assertThat(loaded.stage(PR).orElseThrow().rules())
                .containsExactly(NoNewFindings.of()
                        .atLeast(Severity.HIGH)
                        .fixableOnly()
                        .newlyDisclosed(Treatment.IGNORE)
                        .whenNoBaseline(Treatment.FAIL));
        assertThat(loaded.stage(Stage.BUILD).orElseThrow().rules())
                .containsExactly(NoNewFindings.of().withId("pr-gate").withEffect(Effect.WARN));
        assertThatThrownBy(() -> Policies.parse("policy.yaml", """
                stages:
                  pr:
                    mode: enforce
                    rules:
                      - {rule: no-new-findings, minimum: unknown, newly-disclosed: later}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:5:42 (/stages/pr/rules/0/minimum): minimum must be a known severity")
                .hasMessageContaining("(/stages/pr/rules/0/newly-disclosed): unknown treatment \"later\"");
    }
}
