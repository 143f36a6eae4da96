package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.RemediationSla;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The clocks that remember: a lineage's history keeps a finding's SLA running across rebuilds. */
class LineageClockTest {

    private static final Finding OPENSSL = fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2");
    private static final String LINEAGE = "ghcr.io/acme/shop-api";

    private static RecordedScan scan(String id, Instant at) {
        return new RecordedScan(id, LINEAGE, LINEAGE + ":1.0", ScannerTool.of("Trivy", "0.58.1"), at);
    }

    private static Verdict evaluate(DeadlineClock clock, ImageRecord record, Instant at) {
        RemediationSla sla =
                RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))).from(clock);
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.RUN, Mode.ENFORCE, sla).build())
                .evaluate(record, Stage.RUN, at);
    }

    @Test
    void countsFromTheFirstScanOfTheLineageNotFromTheRebuiltImagesOwn() {
        RecordedScan old = scan("sha256:old", days(-40));
        RecordedScan fixed = scan("sha256:fix", days(-35));
        Lineage lineage = new Lineage(
                LINEAGE,
                List.of(new LineageFinding(
                        "cve-2025-1",
                        List.of(),
                        OPENSSL.pkg(),
                        old.scannedAt(),
                        old,
                        Optional.of(fixed.scannedAt()),
                        Optional.of(fixed))));
        ImageRecord rebuilt = record(report("Trivy", T0, OPENSSL)).withLineage(lineage);

        Verdict firstSeen = evaluate(DeadlineClock.FIRST_SEEN, rebuilt, T0.plusSeconds(60));
        Verdict fixAvailable = evaluate(DeadlineClock.FIX_AVAILABLE, rebuilt, T0.plusSeconds(60));
        Verdict withoutHistory =
                evaluate(DeadlineClock.FIRST_SEEN, record(report("Trivy", T0, OPENSSL)), T0.plusSeconds(60));

        assertThat(withoutHistory.outcome()).isEqualTo(Outcome.PASS);
        assertThat(firstSeen.violations()).singleElement().satisfies(v -> {
            assertThat(v.clockValue()).contains(days(-40));
            assertThat(v.deadline()).contains(days(-10));
            assertThat(v.clockSource()).contains(old);
            assertThat(v.message())
                    .contains("(counted from first-seen " + days(-40) + " in lineage " + LINEAGE
                            + ", the Trivy 0.58.1 scan of ghcr.io/acme/shop-api:1.0 at " + days(-40)
                            + " (recorded as sha256:old))");
        });
        assertThat(fixAvailable.violations()).singleElement().satisfies(v -> {
            assertThat(v.clockValue()).contains(days(-35));
            assertThat(v.clockSource()).contains(fixed);
        });
    }

    @Test
    void ignoresWhatTheLineageRemembersFromAfterTheEvaluationInstant() {
        RecordedScan later = scan("sha256:later", days(5));
        Lineage lineage = new Lineage(
                LINEAGE,
                List.of(new LineageFinding(
                        "CVE-2025-1",
                        List.of(),
                        OPENSSL.pkg(),
                        later.scannedAt(),
                        later,
                        Optional.empty(),
                        Optional.empty())));
        ImageRecord record = record(report("Trivy", days(-31), OPENSSL)).withLineage(lineage);

        Verdict verdict = evaluate(DeadlineClock.FIRST_SEEN, record, T0);

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.clockValue()).contains(days(-31));
            assertThat(v.clockSource()).isEmpty();
        });
    }

    @Test
    void keepsTheRecordsOwnScanWhenItIsEarlierThanAnythingRemembered() {
        RecordedScan recent = scan("sha256:recent", days(-2));
        Lineage lineage = new Lineage(
                LINEAGE,
                List.of(new LineageFinding(
                        "CVE-2025-1",
                        List.of(),
                        OPENSSL.pkg(),
                        recent.scannedAt(),
                        recent,
                        Optional.empty(),
                        Optional.empty())));
        ImageRecord record = record(report("Trivy", days(-31), OPENSSL)).withLineage(lineage);

        assertThat(evaluate(DeadlineClock.FIRST_SEEN, record, T0).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.clockValue()).contains(days(-31)));
    }
}
