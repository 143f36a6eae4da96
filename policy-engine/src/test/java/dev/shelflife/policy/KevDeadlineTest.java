package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.ofType;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.KnownExploited;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.KevDeadline;
import dev.shelflife.version.BumpSize;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KevDeadlineTest {

    private static final LocalDate ADDED = LocalDate.of(2025, 8, 25);
    private static final LocalDate DUE = LocalDate.of(2025, 9, 15);
    /** The due day is still in time: the deadline is the start of the next day, UTC. */
    /** When the scans were made: before every instant judged, so that none is evidence from the future. */
    private static final Instant SCANNED = Instant.parse("2025-06-01T00:00:00Z");

    private static final Instant DUE_DEADLINE = Instant.parse("2025-09-16T00:00:00Z");

    private static Finding listed(Finding finding, Optional<LocalDate> added, Optional<LocalDate> due) {
        Vulnerability v = finding.vulnerability();
        Vulnerability kev = new Vulnerability(
                v.id(),
                v.aliases(),
                v.severity(),
                v.severitySource(),
                v.ratings(),
                v.published(),
                v.modified(),
                v.epss(),
                Optional.of(new KnownExploited("cisa-kev", added, due, Optional.of(true))),
                v.title(),
                v.cwes(),
                v.primaryUrl());
        return new Finding(kev, finding.pkg(), finding.fix(), finding.target());
    }

    private static final Finding GIT = listed(
            ofType("deb", fixable("CVE-2025-48384", Severity.HIGH, "git", "1:2.39.2-1.1", "1:2.39.5-0+deb12u2")),
            Optional.of(ADDED),
            Optional.of(DUE));

    private static Verdict evaluate(Rule rule, ImageRecord record, Instant at) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.RUN, Mode.ENFORCE, rule).build())
                .evaluate(record, Stage.RUN, at);
    }

    @Test
    void passesUntilTheEndOfTheDueDayAndForecastsIt() {
        Verdict verdict =
                evaluate(KevDeadline.dueDate(), record(report("Trivy", SCANNED, GIT)), DUE_DEADLINE.minusSeconds(1));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.nextChange())
                .contains(new Forecast(
                        DUE_DEADLINE,
                        "CVE-2025-48384 HIGH in git 1:2.39.2-1.1 reaches its KEV due date 2025-09-15 (kev)"));
    }

    @Test
    void failsFromTheDayAfterTheDueDateWithTheDeadlineInTheVerdict() {
        Verdict verdict = evaluate(KevDeadline.dueDate(), record(report("Trivy", SCANNED, GIT)), DUE_DEADLINE);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("kev");
            assertThat(v.vulnerabilityId()).contains("CVE-2025-48384");
            assertThat(v.clock()).contains("kev-added");
            assertThat(v.clockValue()).contains(Instant.parse("2025-08-25T00:00:00Z"));
            assertThat(v.deadline()).contains(DUE_DEADLINE);
            assertThat(v.message())
                    .isEqualTo("CVE-2025-48384 HIGH in git 1:2.39.2-1.1 is known exploited (cisa-kev,"
                            + " added 2025-08-25) and passed its KEV due date 2025-09-15 on 2025-09-16T00:00:00Z;"
                            + " fixed in 1:2.39.5-0+deb12u2");
        });
        assertThat(verdict.actions())
                .extracting(Action::kind, Action::size)
                .contains(tuple(Action.Kind.BUMP, Optional.of(BumpSize.PATCH)));
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void countsWithinFromTheStartOfTheDayAdded() {
        KevDeadline rule = KevDeadline.afterAdded(Duration.ofDays(14));
        Instant deadline = Instant.parse("2025-09-08T00:00:00Z");
        ImageRecord record = record(report("Trivy", SCANNED, GIT));

        Verdict before = evaluate(rule, record, deadline.minusSeconds(1));
        Verdict at = evaluate(rule, record, deadline);

        assertThat(before.outcome()).isEqualTo(Outcome.PASS);
        assertThat(before.nextChange())
                .contains(new Forecast(
                        deadline, "CVE-2025-48384 HIGH in git 1:2.39.2-1.1 reaches its 14d KEV deadline (kev)"));
        assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(at.violations()).singleElement().satisfies(v -> {
            assertThat(v.deadline()).contains(deadline);
            assertThat(v.message()).contains("and passed its 14d KEV deadline on 2025-09-08T00:00:00Z");
        });
    }

    @Test
    void treatsAListingWithoutItsDateAsUnknown() {
        Finding noDueDate = listed(GIT, Optional.of(ADDED), Optional.empty());
        Finding noDayAdded = listed(GIT, Optional.empty(), Optional.of(DUE));

        Verdict failed = evaluate(KevDeadline.dueDate(), record(report("Trivy", SCANNED, noDueDate)), T0);
        Verdict warned = evaluate(
                KevDeadline.afterAdded(Duration.ofDays(14)).whenUnknown(Treatment.WARN),
                record(report("Trivy", SCANNED, noDayAdded)),
                T0);
        Verdict ignored = evaluate(
                KevDeadline.dueDate().whenUnknown(Treatment.IGNORE), record(report("Trivy", SCANNED, noDueDate)), T0);

        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failed.violations()).singleElement().satisfies(v -> {
            assertThat(v.message())
                    .contains("but its due date is unknown, so its KEV due date cannot be checked"
                            + " (when-unknown: fail)");
            assertThat(v.deadline()).isEmpty();
        });
        assertThat(warned.outcome()).isEqualTo(Outcome.WARN);
        assertThat(warned.violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .contains("but its day added is unknown");
        assertThat(ignored.outcome()).isEqualTo(Outcome.PASS);
        assertThat(ignored.nextChange()).isEmpty();
    }

    @Test
    void judgesOnlyListedFindingsInTheFixStatesThatCount() {
        Finding notListed = fixable("CVE-2025-1", Severity.CRITICAL, "zlib", "1.2.11", "1.2.12");
        Finding listedUnfixed =
                listed(unfixed("CVE-2025-2", Severity.HIGH, "curl", "7.88.1"), Optional.of(ADDED), Optional.of(DUE));
        ImageRecord record = record(report("Trivy", SCANNED, notListed, listedUnfixed));

        Verdict everyState = evaluate(KevDeadline.dueDate(), record, DUE_DEADLINE);
        Verdict fixableOnly = evaluate(KevDeadline.dueDate().fixStates(Set.of(FixState.FIXED)), record, DUE_DEADLINE);

        assertThat(everyState.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
        assertThat(everyState.actions()).isEmpty();
        assertThat(fixableOnly.violations()).isEmpty();
    }

    @Test
    void keepsTheEarliestDeadlineOfSeveralFindingsInTheForecast() {
        Finding later = listed(
                fixable("CVE-2025-3", Severity.MEDIUM, "curl", "7.88.1", "7.88.2"),
                Optional.of(ADDED),
                Optional.of(LocalDate.of(2025, 10, 1)));
        ImageRecord record = record(report("Trivy", SCANNED, later, GIT));

        Verdict first = evaluate(KevDeadline.dueDate(), record, T0.minus(Duration.ofDays(200)));
        Verdict second = evaluate(KevDeadline.dueDate(), record, DUE_DEADLINE);

        assertThat(first.nextChange()).map(Forecast::at).contains(DUE_DEADLINE);
        assertThat(second.violations()).hasSize(1);
        assertThat(second.nextChange()).map(Forecast::at).contains(Instant.parse("2025-10-02T00:00:00Z"));
    }

    @Test
    void loadsFromAPolicyFile() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  run:
                    mode: warn
                    rules:
                      - rule: kev
                      - {rule: kev, id: kev-14d, within: 14d, when-unknown: warn, fix-states: [fixed], effect: warn}
                """);

        assertThat(policy.stage(Stage.RUN).orElseThrow().rules())
                .containsExactly(
                        KevDeadline.dueDate(),
                        KevDeadline.afterAdded(Duration.ofDays(14))
                                .withId("kev-14d")
                                .whenUnknown(Treatment.WARN)
                                .fixableOnly()
                                .withEffect(Effect.WARN));
    }

    @Test
    void refusesABadWithinWhereItIs() {
        assertThatThrownBy(() -> Policies.parse("policy.yaml", """
                stages:
                  run:
                    mode: warn
                    rules:
                      - {rule: kev, within: 2w, due: soon}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:5:29 (/stages/run/rules/0/within): bad duration \"2w\"")
                .hasMessageContaining(
                        "(/stages/run/rules/0/due): unknown key \"due\" in rule kev; expected one of: rule,"
                                + " id, effect, within, when-unknown, fix-states");
    }
}
