package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.merge.SeverityRule;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The work the engine remembers of a record between evaluations: an evaluation that starts from it
 * decides as one that starts afresh.
 */
class RecordWorkTest {

    private static final String LINEAGE = "ghcr.io/acme/shop-api";

    @Test
    void readsWhatTheLineageRemembersAtEachInstantOfTheSameRecord() {
        // Seen without a fix by the record's own scan; the lineage remembers a fix from day 5 on.
        Finding openssl = unfixed("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1");
        RecordedScan first = new RecordedScan(
                "sha256:first", LINEAGE, LINEAGE + ":1.0", ScannerTool.of("Trivy", "0.58.1"), days(-31));
        RecordedScan later =
                new RecordedScan("sha256:later", LINEAGE, LINEAGE + ":1.1", ScannerTool.of("Trivy", "0.58.1"), days(5));
        Lineage lineage = new Lineage(
                LINEAGE,
                List.of(new LineageFinding(
                        "CVE-2025-1",
                        List.of(),
                        openssl.pkg(),
                        days(-31),
                        first,
                        Optional.of(days(5)),
                        Optional.of(later))));
        ImageRecord record = record(report("Trivy", days(-31), openssl)).withLineage(lineage);
        PolicyEngine engine = PolicyEngine.of(Policy.builder()
                .stage(
                        Stage.RUN,
                        Mode.ENFORCE,
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                                .from(DeadlineClock.FIX_AVAILABLE))
                .build());

        Verdict before = engine.evaluate(record, Stage.RUN, T0);
        Verdict after = engine.evaluate(record, Stage.RUN, days(10));

        assertThat(before.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.clockValue()).isEmpty());
        assertThat(after.violations()).isEmpty();
        assertThat(after.nextChange())
                .hasValueSatisfying(change -> assertThat(change.at()).isEqualTo(days(35)));
    }

    @Test
    void mergesAgainForAnEngineWithAnotherSeverityRule() {
        ImageRecord record = record(
                report("Trivy", days(-1), fixable("CVE-2025-2", Severity.CRITICAL, "zlib", "1.2", "1.3")),
                report("Grype", days(-1), fixable("CVE-2025-2", Severity.LOW, "zlib", "1.2", "1.3")));
        Policy policy = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .build();

        Verdict highest = PolicyEngine.of(policy).evaluate(record, Stage.BUILD, T0);
        Verdict grypes = PolicyEngine.of(policy)
                .withSeverityRule(SeverityRule.preferScanner("Grype"))
                .evaluate(record, Stage.BUILD, T0);
        Verdict highestAgain = PolicyEngine.of(policy).evaluate(record, Stage.BUILD, T0);

        assertThat(highest.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(grypes.outcome()).isEqualTo(Outcome.PASS);
        assertThat(highestAgain).isEqualTo(highest);
    }

    @Test
    void judgesTheSameRecordAgainAsAnEqualCopyOfIt() {
        ImageRecord record = record(
                report("Trivy", days(-400), fixable("CVE-2025-3", Severity.HIGH, "curl", "8.0", "8.1")),
                report("Trivy", days(-1), fixable("CVE-2025-3", Severity.HIGH, "curl", "8.0", "8.1")));
        ImageRecord copy = new ImageRecord(
                record.image(), record.reports(), record.vexStatements(), record.deployedSince(), record.lineage());
        PolicyEngine engine = PolicyEngine.of(Policies.defaults());

        for (Stage stage : List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN, Stage.DEPLOY)) {
            assertThat(engine.evaluate(record, stage, T0)).isEqualTo(engine.evaluate(copy, stage, T0));
        }
    }
}
