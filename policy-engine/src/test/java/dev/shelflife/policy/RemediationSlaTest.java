package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.ofType;
import static dev.shelflife.policy.Records.published;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.KnownExploited;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.version.BumpSize;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemediationSlaTest {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private static Verdict evaluate(RemediationSla sla, ImageRecord record, Instant at) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, sla).build())
                .evaluate(record, Stage.DEPLOY, at);
    }

    private static RemediationSla highWithin30Days(DeadlineClock clock) {
        return RemediationSla.of(Map.of(Severity.HIGH, THIRTY_DAYS)).from(clock);
    }

    /** Checks one second before the deadline, at the deadline, and the forecast that links them. */
    private static void assertDeadline(RemediationSla sla, ImageRecord record, Instant clockValue, String clock) {
        Instant deadline = clockValue.plus(THIRTY_DAYS);

        Verdict before = evaluate(sla, record, deadline.minusSeconds(1));
        Verdict at = evaluate(sla, record, deadline);

        assertThat(before.outcome()).isEqualTo(Outcome.PASS);
        assertThat(before.nextChange()).map(Forecast::at).contains(deadline);
        assertThat(before.nextChange().orElseThrow().reason())
                .contains("reaches its 30d SLA")
                .contains(clock);
        assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(at.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("sla");
            assertThat(v.clock()).contains(clock);
            assertThat(v.clockValue()).contains(clockValue);
            assertThat(v.deadline()).contains(deadline);
            assertThat(v.severity()).contains(Severity.HIGH);
            assertThat(v.message()).contains("passed its 30d SLA on " + deadline);
        });
        assertThat(at.nextChange()).isEmpty();
    }

    @Test
    void countsFromPublication() {
        Instant publishedAt = Instant.parse("2025-12-10T08:30:00Z");
        ImageRecord record = record(report(
                "Trivy",
                T0,
                published(fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2"), publishedAt)));

        assertDeadline(highWithin30Days(DeadlineClock.PUBLISHED), record, publishedAt, "published");
    }

    @Test
    void countsFromTheFirstScanThatSawAFix() {
        Finding unfixedThen = unfixed("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1");
        Finding fixedNow = fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2");
        ImageRecord record = record(
                report("Trivy", T0, unfixedThen),
                report("Trivy", days(5), fixedNow),
                report("Trivy", days(9), fixedNow));

        assertDeadline(highWithin30Days(DeadlineClock.FIX_AVAILABLE), record, days(5), "fix-available");
    }

    @Test
    void countsFromTheFirstScanThatSawTheFindingUnderAnyAliasAndScanner() {
        Finding grypeEarlier = new Finding(
                Vulnerability.builder("GHSA-xxxx")
                        .alias("cve-2025-1")
                        .severity(Severity.HIGH)
                        .build(),
                fixable("x", Severity.HIGH, "openssl", "3.0.1").pkg(),
                Fix.of(FixState.NOT_FIXED),
                "");
        ImageRecord record = record(
                report("Grype", days(-3), grypeEarlier),
                report("Trivy", days(2), fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2")));

        assertDeadline(highWithin30Days(DeadlineClock.FIRST_SEEN).fixableOnly(), record, days(-3), "first-seen");
    }

    @Test
    void countsFromTheImageBuild() {
        Instant built = Instant.parse("2025-11-20T12:00:00Z");
        ImageRecord record = record(
                        report("Trivy", built, fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2")))
                .withImage(Image.builder().createdAt(built).build());

        assertDeadline(highWithin30Days(DeadlineClock.IMAGE_BUILT), record, built, "image-built");
    }

    @Test
    void countsFromTheDayAVulnerabilityWasListedAsKnownExploited() {
        Vulnerability kev = Vulnerability.builder("CVE-2025-1")
                .severity(Severity.HIGH)
                .knownExploited(new KnownExploited(
                        "cisa-kev", Optional.of(LocalDate.of(2025, 12, 15)), Optional.empty(), Optional.empty()))
                .build();
        Finding finding =
                new Finding(kev, fixable("x", Severity.HIGH, "openssl", "3.0.1").pkg(), Fix.fixed("3.0.2"), "");

        assertDeadline(
                highWithin30Days(DeadlineClock.KEV_ADDED),
                record(report("Trivy", T0, finding)),
                Instant.parse("2025-12-15T00:00:00Z"),
                "kev-added");
    }

    @Test
    void fallsBackToTheNextClockWhenTheFirstIsUnknown() {
        Instant publishedAt = Instant.parse("2025-12-01T00:00:00Z");
        ImageRecord record = record(report(
                "Trivy", publishedAt, published(unfixed("CVE-2025-1", Severity.HIGH, "glibc", "2.36"), publishedAt)));

        assertDeadline(
                highWithin30Days(DeadlineClock.FIX_AVAILABLE)
                        .from(DeadlineClock.FIX_AVAILABLE, DeadlineClock.PUBLISHED),
                record,
                publishedAt,
                "published");
    }

    @Test
    void failsWarnsOrIgnoresWhenNoClockIsKnown() {
        ImageRecord record = record(report("Trivy", T0, unfixed("CVE-2025-1", Severity.HIGH, "glibc", "2.36")));
        RemediationSla sla = highWithin30Days(DeadlineClock.PUBLISHED);

        Verdict failing = evaluate(sla, record, T0);
        Verdict warning = evaluate(sla.whenUnknown(Treatment.WARN), record, T0);
        Verdict ignoring = evaluate(sla.whenUnknown(Treatment.IGNORE), record, T0);

        assertThat(failing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failing.violations()).singleElement().satisfies(v -> {
            assertThat(v.clock()).contains("published");
            assertThat(v.clockValue()).isEmpty();
            assertThat(v.deadline()).isEmpty();
            assertThat(v.message())
                    .contains("no published instant is known to count its 30d SLA from (when-unknown: fail)");
        });
        assertThat(warning.outcome()).isEqualTo(Outcome.WARN);
        assertThat(ignoring.outcome()).isEqualTo(Outcome.PASS);
        assertThat(failing.nextChange()).isEmpty();
    }

    @Test
    void leavesSeveritiesWithoutATimeAndFixStatesThatDoNotCountAlone() {
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        ImageRecord record = record(report(
                "Trivy",
                T0,
                published(fixable("CVE-1", Severity.MEDIUM, "a", "1", "2"), old),
                published(unfixed("CVE-2", Severity.HIGH, "b", "1"), old)));

        Verdict verdict = evaluate(highWithin30Days(DeadlineClock.PUBLISHED).fixableOnly(), record, T0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void asksToBumpPastDueFindingsToTheSmallestFixAboveTheInstalledVersion() {
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        ImageRecord record = record(report(
                "Trivy",
                T0,
                published(
                        ofType(
                                "maven",
                                fixable(
                                        "CVE-1",
                                        Severity.HIGH,
                                        "jackson-databind",
                                        "2.13.1",
                                        "2.12.7",
                                        "2.13.4",
                                        "2.14.0")),
                        old),
                published(
                        ofType("maven", fixable("CVE-2", Severity.HIGH, "jackson-databind", "2.13.1", "2.13.2")),
                        old)));

        Verdict verdict = evaluate(highWithin30Days(DeadlineClock.PUBLISHED), record, T0);

        assertThat(verdict.actions()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Action.Kind.BUMP);
            assertThat(a.subject()).contains("jackson-databind");
            assertThat(a.from()).contains("2.13.1");
            assertThat(a.to()).contains("2.13.4");
            assertThat(a.size()).contains(BumpSize.PATCH);
            assertThat(a.reasons())
                    .containsExactly(
                            "sla: CVE-1 HIGH in jackson-databind 2.13.1", "sla: CVE-2 HIGH in jackson-databind 2.13.1");
        });
    }
}
