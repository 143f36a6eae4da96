package dev.shelflife.testkit;

import static dev.shelflife.testkit.ShelfLifeAssertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of {@code docs/policy-in-java.md}, compiled and run. */
class OsEndOfLifeTest {

    private static final Instant SCANNED = Instant.parse("2024-05-02T06:00:00Z");
    private static final Instant DEBIAN_10_EOL = Instant.parse("2024-07-01T00:00:00Z");

    private static final Finding LIBSSL = new Finding(
            Vulnerability.builder("CVE-2024-2511").severity(Severity.HIGH).build(),
            InstalledPackage.of("libssl1.1", "1.1.1n-0+deb10u6"),
            Fix.fixed("1.1.1w-0+deb10u1"),
            "debian 10.13");

    private static final ImageRecord RECORD = ImageRecord.of(List.of(ScanReport.builder(
                            EvidenceKind.SCAN,
                            ReportFormat.of("trivy", "trivy-json", "2"),
                            ScannerTool.of("Trivy", "0.51.0"))
                    .scannedAt(SCANNED)
                    .finding(LIBSSL)
                    .build()))
            .withImage(Image.builder()
                    .os("debian 10.13")
                    .createdAt(Instant.parse("2024-04-30T12:00:00Z"))
                    .build());

    @Test
    void warnsFromTheEndOfLifeOnAndForecastsIt() {
        Policy policy = Policy.builder()
                .stage(Stage.RUN, Mode.WARN, new OsEndOfLife("os-eol", Map.of("debian 10", DEBIAN_10_EOL)))
                .build();
        PolicyEngine engine = PolicyEngine.of(policy);

        assertThat(engine.evaluate(RECORD, Stage.RUN, DEBIAN_10_EOL.minusSeconds(1)))
                .passes()
                .nextChangeAt(DEBIAN_10_EOL)
                .nextChangeFor("debian 10.13 reaches its end of life");
        assertThat(engine.evaluate(RECORD, Stage.RUN, DEBIAN_10_EOL))
                .warns()
                .hasViolation("os-eol")
                .withDeadline(DEBIAN_10_EOL)
                .withClock("end-of-life")
                .and()
                .hasAction(Action.Kind.REBUILD)
                .hasNoNextChange();
    }

    @Test
    void theDefaultPolicyBlocksTheFixableHighAtBuildAndAtDeployOnceItsSlaPassed() {
        PolicyEngine engine = PolicyEngine.of(Policies.defaults());
        Instant slaDue = SCANNED.plus(Duration.ofDays(30));

        assertThat(engine.evaluate(RECORD, Stage.BUILD, SCANNED))
                .fails()
                .hasViolation("severity-gate")
                .forVulnerability("CVE-2024-2511")
                .and()
                .hasBump("libssl1.1", "1.1.1w-0+deb10u1");
        Verdict deployedLate = engine.evaluate(RECORD, Stage.DEPLOY, slaDue);
        assertThat(deployedLate)
                .fails()
                .hasViolation("sla")
                .forVulnerability("CVE-2024-2511")
                .withDeadline(slaDue);
    }
}
