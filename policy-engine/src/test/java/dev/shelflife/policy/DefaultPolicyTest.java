package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.builtAt;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.published;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DefaultPolicyTest {

    private static final PolicyEngine ENGINE = PolicyEngine.of(Policies.defaults());
    private static final Finding HIGH_FIXABLE =
            published(fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2"), days(-200));
    private static final Finding CRITICAL_UNFIXED =
            published(unfixed("CVE-2025-2", Severity.CRITICAL, "glibc", "2.36"), days(-10));
    private static final Finding MEDIUM_FIXABLE =
            published(fixable("CVE-2025-3", Severity.MEDIUM, "curl", "7.88", "7.89"), days(-300));

    /** An image built at T0 and rescanned every day for {@code scans} days. */
    private static ImageRecord dailyScans(int scans, Finding... findings) {
        return builtAt(
                T0,
                IntStream.range(0, scans)
                        .mapToObj(d -> report("Trivy", days(d), findings))
                        .toArray(ScanReport[]::new));
    }

    @Test
    void buildBlocksFixableHighAndCriticalOnly() {
        Verdict blocked =
                ENGINE.evaluate(dailyScans(1, HIGH_FIXABLE, CRITICAL_UNFIXED, MEDIUM_FIXABLE), Stage.BUILD, T0);
        Verdict clean = ENGINE.evaluate(dailyScans(1, CRITICAL_UNFIXED, MEDIUM_FIXABLE), Stage.BUILD, T0);
        Verdict unscanned = ENGINE.evaluate(ImageRecord.of(List.of()), Stage.BUILD, T0);

        assertThat(blocked.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(blocked.violations())
                .extracting(Violation::ruleId, v -> v.vulnerabilityId().orElseThrow())
                .containsExactly(tuple("severity-gate", "CVE-2025-1"));
        assertThat(blocked.actions())
                .extracting(Action::toString)
                .containsExactly(
                        "BUMP openssl 3.0.1 -> 3.0.2 (UNKNOWN): severity-gate: CVE-2025-1 HIGH in openssl 3.0.1");
        assertThat(clean.outcome()).isEqualTo(Outcome.PASS);
        assertThat(clean.nextChange()).isEmpty();
        assertThat(unscanned.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void deployBlocksAScanOlderThanAWeek() {
        ImageRecord record = dailyScans(1, MEDIUM_FIXABLE);

        Verdict lastSecond = ENGINE.evaluate(record, Stage.DEPLOY, days(7).minusSeconds(1));
        Verdict stale = ENGINE.evaluate(record, Stage.DEPLOY, days(7));

        assertThat(lastSecond.outcome()).isEqualTo(Outcome.PASS);
        assertThat(lastSecond.nextChange())
                .contains(new Forecast(
                        days(7), "the latest scan, made 2026-01-01T00:00:00Z, reaches the 7d age limit (scan-age)"));
        assertThat(stale.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(stale.actions()).extracting(Action::kind).containsExactly(Action.Kind.RESCAN);
    }

    @Test
    void deployBlocksFixableFindingsPastTheirSlaCountedFromTheFirstScanThatSawTheFix() {
        ImageRecord record = dailyScans(31, HIGH_FIXABLE, MEDIUM_FIXABLE);

        Verdict before = ENGINE.evaluate(record, Stage.DEPLOY, days(30).minusSeconds(1));
        Verdict due = ENGINE.evaluate(record, Stage.DEPLOY, days(30));

        assertThat(before.outcome()).isEqualTo(Outcome.PASS);
        assertThat(before.nextChange())
                .map(Forecast::reason)
                .contains(
                        "CVE-2025-1 HIGH in openssl 3.0.1 reaches its 30d SLA (counted from fix-available 2026-01-01T00:00:00Z)");
        assertThat(due.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(due.violationsOf("sla")).singleElement().satisfies(v -> {
            assertThat(v.deadline()).contains(days(30));
            assertThat(v.clock()).contains("fix-available");
        });
        assertThat(due.nextChange()).map(Forecast::at).contains(days(37));
    }

    @Test
    void deployBlocksAnImageOlderThanAQuarter() {
        ImageRecord record = dailyScans(91);

        assertThat(ENGINE.evaluate(record, Stage.DEPLOY, days(90).minusSeconds(1))
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(ENGINE.evaluate(record, Stage.DEPLOY, days(90)).violations())
                .extracting(Violation::ruleId)
                .containsExactly("image-age");
    }

    @Test
    void runWarnsAndForecastsWhenToRebuild() {
        ImageRecord record = dailyScans(89, HIGH_FIXABLE, CRITICAL_UNFIXED, MEDIUM_FIXABLE);

        Verdict running = ENGINE.evaluate(record, Stage.RUN, days(88));

        assertThat(running.outcome()).isEqualTo(Outcome.WARN);
        assertThat(running.violations())
                .allSatisfy(v -> assertThat(v.isBlocking()).isFalse());
        assertThat(running.violations()).extracting(Violation::ruleId).containsExactly("sla");
        assertThat(running.nextChange()).map(Forecast::at).contains(days(90));
        assertThat(running.nextChange())
                .map(Forecast::reason)
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("CVE-2025-3 MEDIUM in curl 7.88 reaches its 90d SLA")
                        .contains("the image built 2026-01-01T00:00:00Z, reaches the 90d age limit (image-age)"));
    }
}
