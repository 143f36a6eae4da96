package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.builtAt;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.AgeLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgeLimitTest {

    private static Verdict evaluate(AgeLimit rule, ImageRecord record, Instant at) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, rule).build())
                .evaluate(record, Stage.DEPLOY, at);
    }

    @Test
    void asksForARebuildFromTheDayTheImageReachesItsMaximumAge() {
        ImageRecord record = builtAt(T0, report("Trivy", days(80)));
        AgeLimit rule = AgeLimit.image(Duration.ofDays(90));

        Verdict before = evaluate(rule, record, days(90).minusSeconds(1));
        Verdict at = evaluate(rule, record, days(90));

        assertThat(before.outcome()).isEqualTo(Outcome.PASS);
        assertThat(before.actions()).isEmpty();
        assertThat(before.nextChange())
                .contains(new Forecast(
                        days(90), "the image built 2026-01-01T00:00:00Z, reaches the 90d age limit (image-age)"));
        assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(at.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("image-age");
            assertThat(v.finding()).isEmpty();
            assertThat(v.severity()).isEmpty();
            assertThat(v.clock()).contains("image-built");
            assertThat(v.clockValue()).contains(T0);
            assertThat(v.deadline()).contains(days(90));
        });
        assertThat(at.actions()).extracting(Action::kind).containsExactly(Action.Kind.REBUILD);
    }

    @Test
    void asksForARescanFromTheDayTheNewestScanReachesItsMaximumAge() {
        ImageRecord record = record(report("Trivy", days(1)), report("Grype", days(3)), report("Trivy", days(2)));
        AgeLimit rule = AgeLimit.scan(Duration.ofDays(7));

        assertThat(evaluate(rule, record, days(10).minusSeconds(1)).outcome()).isEqualTo(Outcome.PASS);
        Verdict at = evaluate(rule, record, days(10));
        assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(at.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.clockValue()).contains(days(3)));
        assertThat(at.actions()).extracting(Action::kind).containsExactly(Action.Kind.RESCAN);
    }

    @Test
    void agesTheVulnerabilityDatabaseOfTheLatestScans() {
        ScanReport grype = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("grype", "grype-json", null),
                        ScannerTool.of("Grype", "0.80"))
                .scannedAt(days(-15))
                .databaseBuiltAt(days(-20))
                .build();
        AgeLimit rule = AgeLimit.database(Duration.ofDays(10));

        Verdict verdict = evaluate(rule, record(grype), days(5));

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.clock()).contains("database-built");
            assertThat(v.deadline()).contains(days(-10));
        });
        Verdict lastSecond = evaluate(rule, record(grype), days(-10).minusSeconds(1));
        assertThat(lastSecond.outcome()).isEqualTo(Outcome.PASS);
        assertThat(lastSecond.nextChange()).map(Forecast::at).contains(days(-10));
        assertThat(evaluate(rule, record(grype), days(-10)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void treatsAnUnknownBuildInstantAsTheRuleSays() {
        ImageRecord reproducible = record(report("Trivy", T0))
                .withImage(Image.builder().createdAt(Instant.EPOCH).build());
        AgeLimit rule = AgeLimit.image(Duration.ofDays(90));

        assertThat(evaluate(rule, reproducible, T0).violations())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.isBlocking()).isTrue();
                    assertThat(v.clock()).contains("image-built");
                    assertThat(v.clockValue()).isEmpty();
                    assertThat(v.message()).contains("the image-built instant is unknown");
                });
        assertThat(evaluate(rule.whenUnknown(Treatment.WARN), reproducible, T0).outcome())
                .isEqualTo(Outcome.WARN);
        assertThat(evaluate(rule.whenUnknown(Treatment.IGNORE), reproducible, T0)
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(evaluate(rule, reproducible, T0).actions()).isEmpty();
    }

    @Test
    void warnsInsteadOfBlockingWhenTheRuleOnlyWarns() {
        Verdict verdict = evaluate(
                AgeLimit.scan(Duration.ofDays(1)).withEffect(Effect.WARN).withId("freshness"),
                record(report("Trivy", T0)),
                days(2));

        assertThat(verdict.outcome()).isEqualTo(Outcome.WARN);
        assertThat(verdict.violationsOf("freshness")).hasSize(1);
    }
}
