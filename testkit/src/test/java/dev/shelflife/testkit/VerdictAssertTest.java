package dev.shelflife.testkit;

import static dev.shelflife.testkit.ShelfLifeAssertions.assertThat;
import static dev.shelflife.testkit.ShelfLifeAssertions.assertThatThrownBy;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.DeadlineClock;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Waiver;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.RemediationSla;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class VerdictAssertTest {

    private static final Instant SCANNED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant SLA_DUE = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant WAIVER_ENDS = Instant.parse("2026-11-20T00:00:00Z");

    private static final Finding OPENSSL = new Finding(
            Vulnerability.builder("CVE-2026-1")
                    .alias("GHSA-aaaa")
                    .severity(Severity.HIGH)
                    .build(),
            InstalledPackage.of("openssl", "3.0.1"),
            Fix.fixed("3.0.2"),
            "");
    private static final Finding ZLIB = new Finding(
            Vulnerability.builder("CVE-2026-2").severity(Severity.HIGH).build(),
            InstalledPackage.of("zlib", "1.2.11"),
            Fix.of(FixState.NOT_FIXED),
            "");

    private static final Policy POLICY = Policy.builder()
            .stage(
                    Stage.DEPLOY,
                    Mode.ENFORCE,
                    RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                            .from(DeadlineClock.FIRST_SEEN),
                    AgeLimit.scan(Duration.ofDays(60)))
            .stage(Stage.RUN, Mode.WARN, RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))))
            .waiver(Waiver.builder("SEC-7")
                    .vulnerability("CVE-2026-2")
                    .owner("team-a")
                    .reason("not reachable")
                    .expires(WAIVER_ENDS)
                    .build())
            .waiver(Waiver.builder("SEC-8")
                    .pkg("busybox")
                    .owner("team-a")
                    .reason("removed soon")
                    .expires(WAIVER_ENDS)
                    .build())
            .build();

    private static Verdict evaluate(Stage stage, Instant at) {
        ScanReport report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.58.0"))
                .scannedAt(SCANNED)
                .finding(OPENSSL)
                .finding(ZLIB)
                .build();
        return PolicyEngine.of(POLICY).evaluate(ImageRecord.of(List.of(report)), stage, at);
    }

    private static void assertFails(ThrowingCallable assertion, String messagePart) {
        assertThatThrownBy(assertion).isInstanceOf(AssertionError.class).hasMessageContaining(messagePart);
    }

    @Test
    void assertsTheOutcome() {
        Verdict passing = evaluate(Stage.DEPLOY, SLA_DUE.minusSeconds(1));
        Verdict failing = evaluate(Stage.DEPLOY, SLA_DUE);
        Verdict warning = evaluate(Stage.RUN, SLA_DUE);

        assertThat(passing).passes().hasNoViolations();
        assertThat(failing).fails();
        assertThat(warning).warns().hasOutcome(Outcome.WARN);
        assertFails(() -> assertThat(passing).fails(), "to be FAIL but it was PASS");
        assertFails(
                () -> assertThat(failing).passes(), "sla BLOCK: CVE-2026-1 HIGH in openssl 3.0.1 passed its 30d SLA");
        assertFails(() -> assertThat(failing).warns(), "to be WARN but it was FAIL");
        assertFails(() -> assertThat(failing).hasNoViolations(), "Expecting no violation");
    }

    @Test
    void assertsViolationsByRuleVulnerabilityAndDetail() {
        Verdict failing = evaluate(Stage.DEPLOY, SLA_DUE);

        assertThat(failing)
                .fails()
                .hasViolation("sla")
                .forVulnerability("CVE-2026-1")
                .blocking()
                .withDeadline(SLA_DUE)
                .withClock("first-seen")
                .forPackage("openssl")
                .withMessageContaining("30d SLA")
                .and()
                .hasNoViolation("scan-age");
        assertThat(failing).hasViolation("sla").forVulnerability("GHSA-aaaa");
        assertThat(evaluate(Stage.RUN, SLA_DUE)).hasViolation("sla").warning();

        assertFails(() -> assertThat(failing).hasViolation("image-age"), "Expecting a violation of rule <image-age>");
        assertFails(
                () -> assertThat(failing).hasViolation("sla").forVulnerability("CVE-2026-9"),
                "of rule <sla> with vulnerability <CVE-2026-9>");
        assertFails(
                () -> assertThat(failing)
                        .hasViolation("sla")
                        .forVulnerability("CVE-2026-1")
                        .forPackage("zlib"),
                "of rule <sla> with vulnerability <CVE-2026-1> with package <zlib>");
        assertFails(() -> assertThat(failing).hasViolation("sla").warning(), "with warning");
        assertFails(() -> assertThat(failing).hasViolation("sla").withDeadline(SCANNED), "deadline " + SCANNED);
        assertFails(() -> assertThat(failing).hasViolation("sla").withClock("published"), "clock published");
        assertFails(() -> assertThat(failing).hasViolation("sla").withMessageContaining("7d"), "message containing");
        assertFails(() -> assertThat(failing).hasNoViolation("sla"), "Expecting no violation of rule <sla>");
    }

    @Test
    void assertsTheForecast() {
        Verdict early = evaluate(Stage.DEPLOY, SCANNED);
        Verdict late = evaluate(Stage.DEPLOY, SLA_DUE);

        assertThat(early).nextChangeAt(WAIVER_ENDS).nextChangeFor("waiver SEC-7 expires");
        assertThat(evaluate(Stage.DEPLOY, WAIVER_ENDS)).nextChangeAt(SLA_DUE).nextChangeFor("CVE-2026-1");
        assertThat(evaluate(Stage.DEPLOY, SCANNED.plus(Duration.ofDays(60)))).hasNoNextChange();

        assertFails(() -> assertThat(early).nextChangeAt(SLA_DUE), "it changes next at " + WAIVER_ENDS);
        assertFails(() -> assertThat(early).nextChangeFor("CVE-2026-1"), "to be about <CVE-2026-1>");
        assertFails(() -> assertThat(late).hasNoNextChange(), "Expecting no forecast");
        assertFails(
                () -> assertThat(evaluate(Stage.DEPLOY, SCANNED.plus(Duration.ofDays(60))))
                        .nextChangeAt(SLA_DUE),
                "it has no forecast");
    }

    @Test
    void assertsActions() {
        Verdict failing = evaluate(Stage.DEPLOY, SLA_DUE);

        assertThat(failing)
                .hasAction(Action.Kind.BUMP)
                .hasAction(Action.Kind.BUMP, "openssl")
                .hasBump("openssl", "3.0.2");
        assertThat(evaluate(Stage.DEPLOY, SCANNED)).hasNoActions();

        assertFails(() -> assertThat(failing).hasAction(Action.Kind.REBUILD), "Expecting an action REBUILD");
        assertFails(() -> assertThat(failing).hasAction(Action.Kind.BUMP, "zlib"), "BUMP openssl 3.0.1 -> 3.0.2");
        assertFails(() -> assertThat(failing).hasBump("openssl", "3.0.3"), "BUMP openssl -> 3.0.3");
        assertFails(() -> assertThat(failing).hasNoActions(), "Expecting no action");
    }

    @Test
    void assertsWaivers() {
        Verdict waived = evaluate(Stage.DEPLOY, SCANNED);
        Verdict expired = evaluate(Stage.DEPLOY, WAIVER_ENDS);

        assertThat(waived)
                .hasWaiverApplied("SEC-7")
                .hasWaiverApplied("SEC-7", "CVE-2026-2")
                .hasUnmatchedWaiver("SEC-8");
        assertThat(expired).hasExpiredWaiver("SEC-7").hasExpiredWaiver("SEC-8");

        assertFails(() -> assertThat(waived).hasWaiverApplied("SEC-8"), "SEC-7: CVE-2026-2");
        assertFails(() -> assertThat(waived).hasWaiverApplied("SEC-7", "CVE-2026-1"), "to apply to CVE-2026-1");
        assertFails(() -> assertThat(waived).hasUnmatchedWaiver("SEC-7"), "the unmatched waivers were: [SEC-8]");
        assertFails(() -> assertThat(waived).hasExpiredWaiver("SEC-7"), "the expired waivers were: []");
        assertFails(() -> assertThat(expired).hasWaiverApplied("SEC-7"), "(none)");
    }

    @Test
    void keepsEveryAssertJAssertion() {
        assertThat(List.of(1, 2)).containsExactly(1, 2);
        assertFails(() -> assertThat((Verdict) null).passes(), "Expecting actual not to be null");
    }
}
